package io.flotilla.gateway.edge;

import io.flotilla.wire.transfer.BlobExchange;
import io.flotilla.wire.transfer.BlobRef;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The global models and masks this gateway serves, fetched from the coordinator once per SHA-256 however many of
 * its clients ask (the exchange verifies the hash). Holds the {@code capacity} most recently requested blobs; a
 * failed fetch is forgotten so that the next request tries again. Thread-safe.
 */
public final class ModelBlobCache {
    private final BlobExchange exchange;
    private final Map<String, CompletableFuture<byte[]>> blobs;

    public ModelBlobCache(BlobExchange exchange, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, got " + capacity);
        }
        this.exchange = exchange;
        this.blobs = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, CompletableFuture<byte[]>> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The bytes of {@code ref}, fetched now or earlier; fails when larger than {@code maxBytes} or not fetched. */
    public CompletableFuture<byte[]> get(BlobRef ref, long maxBytes, Duration timeout) {
        CompletableFuture<byte[]> f;
        synchronized (blobs) {
            f = blobs.get(ref.sha256());
            if (f == null) {
                f = exchange.fetch(ref, maxBytes, timeout).toCompletableFuture();
                blobs.put(ref.sha256(), f);
            }
        }
        CompletableFuture<byte[]> fetched = f;
        fetched.whenComplete((bytes, failure) -> {
            if (failure != null) {
                synchronized (blobs) {
                    blobs.remove(ref.sha256(), fetched);
                }
            }
        });
        return fetched;
    }

    /** Number of blobs held or being fetched. */
    public int size() {
        synchronized (blobs) {
            return blobs.size();
        }
    }
}
