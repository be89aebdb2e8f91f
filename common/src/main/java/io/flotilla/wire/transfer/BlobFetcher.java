package io.flotilla.wire.transfer;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.javadsl.TimerScheduler;
import io.flotilla.crypto.Sha256;
import io.flotilla.wire.WireMessage;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.BitSet;

/**
 * Pulls one blob from a {@link BlobServer}, verifies its SHA-256 and replies to the requester once, then stops.
 *
 * <p>It first asks for the blob's size, checks it against {@link TransferSettings#maxBlobBytes()} (and against the
 * size the offer claimed) before allocating the receive buffer, then keeps at most
 * {@link TransferSettings#window()} chunk requests outstanding: each arriving chunk releases the next request,
 * which is the flow control. A request unanswered for {@link TransferSettings#chunkTimeout()} is sent again, up to
 * {@link TransferSettings#maxRetries()} times. Chunks are hashed as the contiguous prefix grows. The requester gets
 * {@link Fetched} with the bytes or {@link FetchFailed} with the reason (refused, timed out, wrong chunk length,
 * hash mismatch, too large).
 */
public final class BlobFetcher extends AbstractBehavior<BlobFetcher.Command> {

    /** Messages a fetcher handles: the server's replies and its own timer. */
    public sealed interface Command {
    }

    /** A server's answer to {@link BlobServer.Describe}. */
    public record Described(BlobId id, long size, int chunkSize) implements Command, WireMessage {
        public Described {
            if (id == null || size < 0 || chunkSize < 1) {
                throw new IllegalArgumentException("invalid description: id " + id + ", size " + size
                        + ", chunk size " + chunkSize);
            }
        }
    }

    /**
     * Chunk {@code index} of blob {@code id}. The array is not copied: the server cuts a fresh copy for each chunk
     * and the fetcher consumes it once, so the hot path makes no second copy.
     */
    public record Chunk(BlobId id, int index, byte[] data) implements Command, WireMessage {
        public Chunk {
            if (id == null || data == null || index < 0) {
                throw new IllegalArgumentException("invalid chunk: id " + id + ", index " + index);
            }
        }
    }

    /** A server cannot serve the request (unknown blob, chunk out of range). */
    public record Refused(BlobId id, String reason) implements Command, WireMessage {
        public Refused {
            if (id == null || reason == null) {
                throw new IllegalArgumentException("a refusal needs an id and a reason");
            }
        }
    }

    private enum Tick implements Command {
        INSTANCE
    }

    /** The one reply a requester gets. */
    public sealed interface Result {
        BlobId id();
    }

    /**
     * The verified bytes of blob {@code id}. The requester takes ownership of the array (not copied: it can be
     * hundreds of MB).
     */
    public record Fetched(BlobId id, byte[] bytes) implements Result {
    }

    /** The fetch failed; {@code reason} says why. */
    public record FetchFailed(BlobId id, String reason) implements Result {
    }

    private final BlobId id;
    private final long expectedSize;
    private final ActorRef<BlobServer.Command> server;
    private final ActorRef<Result> replyTo;
    private final TransferSettings settings;
    private final long timeoutNanos;

    private int describeAttempts;
    private long describeSentAt;

    private byte[] buffer;
    private int chunkSize;
    private int chunkCount;
    private BitSet received;
    private BitSet inFlight;
    private long[] sentAt;
    private int[] attempts;
    private int nextToRequest;
    private int outstanding;
    private int hashedUpTo;
    private MessageDigest digest;

    private BlobFetcher(ActorContext<Command> context, TimerScheduler<Command> timers, BlobId id, long expectedSize,
                        ActorRef<BlobServer.Command> server, ActorRef<Result> replyTo, TransferSettings settings) {
        super(context);
        this.id = id;
        this.expectedSize = expectedSize;
        this.server = server;
        this.replyTo = replyTo;
        this.settings = settings;
        this.timeoutNanos = settings.chunkTimeout().toNanos();
        Duration period = settings.chunkTimeout().dividedBy(4);
        timers.startTimerWithFixedDelay(Tick.INSTANCE, period.isZero() ? settings.chunkTimeout() : period);
        describe();
    }

    /** Fetches blob {@code id} from {@code server}; its size is learnt from the server. */
    public static Behavior<Command> create(BlobId id, ActorRef<BlobServer.Command> server, ActorRef<Result> replyTo,
                                           TransferSettings settings) {
        return Behaviors.setup(context -> Behaviors.withTimers(
                timers -> start(context, timers, id, -1, server, replyTo, settings)));
    }

    /** Fetches an offered blob; the server's size must match the offer's. */
    public static Behavior<Command> create(BlobOffer offer, ActorRef<Result> replyTo, TransferSettings settings) {
        return Behaviors.setup(context -> Behaviors.withTimers(
                timers -> start(context, timers, offer.id(), offer.size(), offer.server(), replyTo, settings)));
    }

    private static Behavior<Command> start(ActorContext<Command> context, TimerScheduler<Command> timers, BlobId id,
                                           long expectedSize, ActorRef<BlobServer.Command> server,
                                           ActorRef<Result> replyTo, TransferSettings settings) {
        if (expectedSize > settings.maxBlobBytes()) {
            replyTo.tell(new FetchFailed(id, "offered blob of " + expectedSize + " bytes exceeds the maximum of "
                    + settings.maxBlobBytes()));
            return Behaviors.stopped();
        }
        return new BlobFetcher(context, timers, id, expectedSize, server, replyTo, settings);
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Described.class, this::onDescribed)
                .onMessage(Chunk.class, this::onChunk)
                .onMessage(Refused.class, this::onRefused)
                .onMessageEquals(Tick.INSTANCE, this::onTick)
                .build();
    }

    private Behavior<Command> onDescribed(Described d) {
        if (!d.id().equals(id) || buffer != null) {
            return this; // a duplicate answer to a re-sent Describe, or another blob's
        }
        if (d.size() > settings.maxBlobBytes()) {
            return fail("blob of " + d.size() + " bytes exceeds the maximum of " + settings.maxBlobBytes());
        }
        if (expectedSize >= 0 && d.size() != expectedSize) {
            return fail("server describes " + d.size() + " bytes but the offer claimed " + expectedSize);
        }
        if (d.chunkSize() < TransferSettings.MIN_CHUNK_SIZE) {
            // tiny chunks would make the bookkeeping arrays below as large as the blob itself
            return fail("server chunk size " + d.chunkSize() + " is below the minimum of "
                    + TransferSettings.MIN_CHUNK_SIZE);
        }
        chunkSize = d.chunkSize();
        chunkCount = TransferSettings.chunkCount(d.size(), chunkSize);
        buffer = new byte[(int) d.size()];
        received = new BitSet(chunkCount);
        inFlight = new BitSet(chunkCount);
        sentAt = new long[chunkCount];
        attempts = new int[chunkCount];
        digest = Sha256.digest();
        if (chunkCount == 0) {
            return finish();
        }
        while (outstanding < settings.window() && nextToRequest < chunkCount) {
            request(nextToRequest++);
        }
        return this;
    }

    private Behavior<Command> onChunk(Chunk chunk) {
        if (buffer == null || !chunk.id().equals(id)) {
            return this;
        }
        int index = chunk.index();
        if (index >= chunkCount) {
            return fail("chunk " + index + " out of range: the blob has " + chunkCount + " chunks");
        }
        if (!inFlight.get(index)) {
            return this; // a late duplicate of a re-sent request
        }
        int expected = chunkLength(index);
        if (chunk.data().length != expected) {
            return fail("chunk " + index + " has " + chunk.data().length + " bytes, expected " + expected);
        }
        System.arraycopy(chunk.data(), 0, buffer, index * chunkSize, expected);
        received.set(index);
        inFlight.clear(index);
        outstanding--;
        while (hashedUpTo < chunkCount && received.get(hashedUpTo)) {
            digest.update(buffer, hashedUpTo * chunkSize, chunkLength(hashedUpTo));
            hashedUpTo++;
        }
        if (hashedUpTo == chunkCount) {
            return finish();
        }
        while (outstanding < settings.window() && nextToRequest < chunkCount) {
            request(nextToRequest++);
        }
        return this;
    }

    private Behavior<Command> onRefused(Refused refused) {
        if (!refused.id().equals(id)) {
            return this;
        }
        return fail("server refused: " + refused.reason());
    }

    private Behavior<Command> onTick() {
        long now = System.nanoTime();
        if (buffer == null) {
            if (now - describeSentAt < timeoutNanos) {
                return this;
            }
            if (describeAttempts > settings.maxRetries()) {
                return fail("no description from " + server.path() + " after " + describeAttempts + " attempts");
            }
            describe();
            return this;
        }
        for (int i = hashedUpTo; i < nextToRequest; i++) {
            if (inFlight.get(i) && now - sentAt[i] >= timeoutNanos) {
                if (attempts[i] > settings.maxRetries()) {
                    return fail("chunk " + i + " unanswered after " + attempts[i] + " attempts");
                }
                sentAt[i] = now;
                attempts[i]++;
                server.tell(new BlobServer.GetChunk(id, i, getContext().getSelf()));
            }
        }
        return this;
    }

    private void describe() {
        describeAttempts++;
        describeSentAt = System.nanoTime();
        server.tell(new BlobServer.Describe(id, getContext().getSelf()));
    }

    private void request(int index) {
        sentAt[index] = System.nanoTime();
        inFlight.set(index);
        attempts[index]++;
        outstanding++;
        server.tell(new BlobServer.GetChunk(id, index, getContext().getSelf()));
    }

    private int chunkLength(int index) {
        return (int) Math.min(chunkSize, buffer.length - (long) index * chunkSize);
    }

    private Behavior<Command> finish() {
        if (!id.matches(digest.digest())) {
            return fail("SHA-256 of the " + buffer.length + " received bytes does not match " + id);
        }
        replyTo.tell(new Fetched(id, buffer));
        buffer = null;
        return Behaviors.stopped();
    }

    private Behavior<Command> fail(String reason) {
        getContext().getLog().warn("fetch of {} from {} failed: {}", id, server.path().address(), reason);
        replyTo.tell(new FetchFailed(id, reason));
        buffer = null;
        return Behaviors.stopped();
    }
}
