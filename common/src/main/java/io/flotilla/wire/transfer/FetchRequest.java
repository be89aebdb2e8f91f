package io.flotilla.wire.transfer;

import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/**
 * A one-shot actor that runs a {@link BlobFetcher} for one offer and completes a future with its result: the
 * bridge from the actor-based transfer to {@link BlobExchange#fetch}. Stops after one answer or its timeout.
 */
final class FetchRequest {
    private FetchRequest() {
    }

    static Behavior<BlobFetcher.Result> create(BlobOffer offer, TransferSettings settings, Duration timeout,
                                               CompletableFuture<byte[]> result) {
        return Behaviors.setup(ctx -> {
            ctx.spawn(BlobFetcher.create(offer, ctx.getSelf(), settings), "fetcher");
            ctx.setReceiveTimeout(timeout, new BlobFetcher.FetchFailed(offer.id(), "timed out after " + timeout));
            return Behaviors.receiveMessage(r -> {
                if (r instanceof BlobFetcher.Fetched f) {
                    result.complete(f.bytes());
                } else if (r instanceof BlobFetcher.FetchFailed f) {
                    result.completeExceptionally(f.reason().startsWith("timed out")
                            ? new TimeoutException("blob " + offer.id().hex() + ": " + f.reason())
                            : new IllegalStateException("blob " + offer.id().hex() + ": " + f.reason()));
                }
                return Behaviors.stopped();
            });
        });
    }
}
