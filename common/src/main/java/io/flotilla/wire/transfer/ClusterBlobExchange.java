package io.flotilla.wire.transfer;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorRefResolver;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.Props;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link BlobExchange} across the cluster: published blobs sit in this node's {@link BlobStore}, served in
 * chunks by one {@link BlobServer}; a {@link BlobRef}'s origin is that server's serialized actor address, so any
 * node can fetch with a windowed {@link io.flotilla.wire.transfer.BlobFetcher} that verifies the SHA-256. One
 * exchange per actor system, shared by every agent of the node.
 */
public final class ClusterBlobExchange implements BlobExchange {
    private static final AtomicLong NAMES = new AtomicLong();

    private final ActorSystem<?> system;
    private final BlobStore store;
    private final TransferSettings settings;
    private final ActorRef<BlobServer.Command> server;
    private final String origin;

    private ClusterBlobExchange(ActorSystem<?> system, TransferSettings settings) {
        this.system = system;
        this.settings = settings;
        this.store = new BlobStore(settings.maxBlobBytes());
        this.server = system.systemActorOf(BlobServer.create(store, settings),
                "flotilla-blobs-" + NAMES.incrementAndGet(), Props.empty());
        this.origin = ActorRefResolver.get(system).toSerializationFormat(server);
    }

    /** An exchange serving from {@code system}, with the transfer settings of its configuration. */
    public static ClusterBlobExchange start(ActorSystem<?> system) {
        return new ClusterBlobExchange(system, TransferSettings.fromConfig(system.settings().config()));
    }

    @Override
    public BlobRef publish(byte[] bytes) {
        BlobId id = store.put(bytes, 0);
        return new BlobRef(id.hex(), bytes.length, origin);
    }

    @Override
    public CompletionStage<byte[]> fetch(BlobRef ref, long maxBytes, Duration timeout) {
        if (ref.size() > maxBytes) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(
                    "blob " + ref.sha256() + " has " + ref.size() + " bytes, limit is " + maxBytes));
        }
        ActorRef<BlobServer.Command> holder;
        try {
            holder = ActorRefResolver.get(system).resolveActorRef(ref.origin());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("blob origin '" + ref.origin()
                    + "' is not an actor address", e));
        }
        CompletableFuture<byte[]> result = new CompletableFuture<>();
        BlobOffer offer = new BlobOffer(BlobId.fromHex(ref.sha256()), ref.size(), holder);
        system.systemActorOf(FetchRequest.create(offer, settings, timeout, result),
                "flotilla-fetch-" + NAMES.incrementAndGet(), Props.empty());
        return result;
    }

    @Override
    public void release(BlobRef ref) {
        store.remove(BlobId.fromHex(ref.sha256()));
    }

    /** Bytes currently held for peers. */
    public long heldBytes() {
        return store.totalBytes();
    }
}
