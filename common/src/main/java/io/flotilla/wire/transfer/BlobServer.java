package io.flotilla.wire.transfer;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import io.flotilla.wire.WireMessage;
import java.util.Optional;

/**
 * Serves the blobs of one node's {@link BlobStore} in chunks to any {@link BlobFetcher}, local or remote.
 *
 * <p>Stateless apart from the store: each request is answered on its own, so any number of fetchers can pull
 * the same blob at once and a lost reply is simply requested again. Every chunk is a separate small message
 * (well under Artery's frame size); the fetcher's window is the flow control. Unknown blobs and out-of-range
 * chunks are answered with {@link BlobFetcher.Refused}.
 */
public final class BlobServer extends AbstractBehavior<BlobServer.Command> {

    /** Requests a server answers. */
    public sealed interface Command extends WireMessage permits Describe, GetChunk {
    }

    /** Asks for the size and chunk size of blob {@code id}; answered with {@link BlobFetcher.Described}. */
    public record Describe(BlobId id, ActorRef<BlobFetcher.Command> replyTo) implements Command {
        public Describe {
            requireNonNull(id, replyTo);
        }
    }

    /** Asks for chunk {@code index} of blob {@code id}; answered with {@link BlobFetcher.Chunk}. */
    public record GetChunk(BlobId id, int index, ActorRef<BlobFetcher.Command> replyTo) implements Command {
        public GetChunk {
            requireNonNull(id, replyTo);
            if (index < 0) {
                throw new IllegalArgumentException("chunk index must be >= 0, got " + index);
            }
        }
    }

    private final BlobStore store;
    private final int chunkSize;

    private BlobServer(ActorContext<Command> context, BlobStore store, int chunkSize) {
        super(context);
        this.store = store;
        this.chunkSize = chunkSize;
    }

    /** A server over {@code store} cutting blobs into chunks of {@code settings.chunkSize()} bytes. */
    public static Behavior<Command> create(BlobStore store, TransferSettings settings) {
        return Behaviors.setup(context -> new BlobServer(context, store, settings.chunkSize()));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Describe.class, this::onDescribe)
                .onMessage(GetChunk.class, this::onGetChunk)
                .build();
    }

    private Behavior<Command> onDescribe(Describe request) {
        long size = store.size(request.id());
        if (size < 0) {
            request.replyTo().tell(new BlobFetcher.Refused(request.id(), "unknown blob " + request.id()));
        } else {
            request.replyTo().tell(new BlobFetcher.Described(request.id(), size, chunkSize));
        }
        return this;
    }

    private Behavior<Command> onGetChunk(GetChunk request) {
        long size = store.size(request.id());
        int chunks = TransferSettings.chunkCount(Math.max(size, 0), chunkSize);
        if (size < 0) {
            request.replyTo().tell(new BlobFetcher.Refused(request.id(), "unknown blob " + request.id()));
            return this;
        }
        if (request.index() >= chunks) {
            request.replyTo().tell(new BlobFetcher.Refused(request.id(), "chunk " + request.index()
                    + " out of range: " + request.id() + " has " + chunks + " chunks"));
            return this;
        }
        Optional<byte[]> data = store.slice(request.id(), (long) request.index() * chunkSize, chunkSize);
        if (data.isEmpty()) { // evicted between the two lookups
            request.replyTo().tell(new BlobFetcher.Refused(request.id(), "unknown blob " + request.id()));
        } else {
            request.replyTo().tell(new BlobFetcher.Chunk(request.id(), request.index(), data.get()));
        }
        return this;
    }

    private static void requireNonNull(BlobId id, ActorRef<?> replyTo) {
        if (id == null || replyTo == null) {
            throw new IllegalArgumentException("blob id and replyTo are required");
        }
    }
}
