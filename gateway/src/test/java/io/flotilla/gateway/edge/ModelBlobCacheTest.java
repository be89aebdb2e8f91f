package io.flotilla.gateway.edge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.flotilla.wire.transfer.BlobRef;
import io.flotilla.wire.transfer.InProcessBlobExchange;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class ModelBlobCacheTest {
    private static final Duration T = Duration.ofSeconds(5);

    @Test
    void oneFetchPerHashHoweverManyAsk() throws Exception {
        InProcessBlobExchange exchange = new InProcessBlobExchange();
        BlobRef ref = exchange.publish(new byte[] {1, 2, 3});
        ModelBlobCache cache = new ModelBlobCache(exchange, 2);
        CompletableFuture<byte[]> a = cache.get(ref, 10, T);
        assertSame(a, cache.get(ref, 10, T));
        assertArrayEquals(new byte[] {1, 2, 3}, a.get());
        exchange.release(ref);
        assertArrayEquals(new byte[] {1, 2, 3}, cache.get(ref, 10, T).get(), "served from the cache");
    }

    @Test
    void aFailedFetchIsForgottenAndTheOldestBlobMakesRoom() throws Exception {
        InProcessBlobExchange exchange = new InProcessBlobExchange();
        BlobRef big = exchange.publish(new byte[100]);
        ModelBlobCache cache = new ModelBlobCache(exchange, 2);
        assertThrows(ExecutionException.class, () -> cache.get(big, 10, T).get());
        assertEquals(0, cache.size());
        assertEquals(100, cache.get(big, 1000, T).get().length);
        cache.get(exchange.publish(new byte[] {1}), 10, T).get();
        cache.get(exchange.publish(new byte[] {2}), 10, T).get();
        assertEquals(2, cache.size());
    }
}
