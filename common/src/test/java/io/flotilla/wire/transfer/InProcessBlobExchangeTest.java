package io.flotilla.wire.transfer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class InProcessBlobExchangeTest {
    private static final Duration T = Duration.ofSeconds(5);

    @Test
    void publishedBlobsAreNamedBySha256AndFetchable() {
        InProcessBlobExchange x = new InProcessBlobExchange();
        BlobRef ref = x.publish("abc".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        // SHA-256("abc"), FIPS 180-2 test vector
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", ref.sha256());
        assertEquals(3, ref.size());
        assertArrayEquals(new byte[] {'a', 'b', 'c'}, x.fetch(ref, 3, T).toCompletableFuture().join());
    }

    @Test
    void oversizeAndUnknownBlobsFail() {
        InProcessBlobExchange x = new InProcessBlobExchange();
        BlobRef ref = x.publish(new byte[10]);
        assertThrows(CompletionException.class, () -> x.fetch(ref, 9, T).toCompletableFuture().join());
        x.release(ref);
        assertThrows(CompletionException.class, () -> x.fetch(ref, 10, T).toCompletableFuture().join());
    }

    @Test
    void releaseCountsPublications() {
        InProcessBlobExchange x = new InProcessBlobExchange();
        BlobRef a = x.publish(new byte[] {1});
        x.publish(new byte[] {1});
        x.release(a);
        assertEquals(1, x.size());
        x.release(a);
        assertEquals(0, x.size());
    }
}
