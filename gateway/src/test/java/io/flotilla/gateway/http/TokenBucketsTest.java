package io.flotilla.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TokenBucketsTest {
    private static final long S = 1_000_000_000L;

    @Test
    void aBurstThenTheSustainedRatePerClient() {
        TokenBuckets b = new TokenBuckets(2, 3);
        for (int i = 0; i < 3; i++) {
            assertEquals(0, b.tryAcquire("a", 0));
        }
        long wait = b.tryAcquire("a", 0);
        assertTrue(wait >= 499 && wait <= 501, "half a second to the next token, got " + wait);
        assertEquals(0, b.tryAcquire("b", 0), "another client has its own bucket");
        assertEquals(0, b.tryAcquire("a", S / 2));
        assertTrue(b.tryAcquire("a", S / 2) > 0);
        for (int i = 0; i < 3; i++) {
            assertEquals(0, b.tryAcquire("a", 100 * S), "refilled up to the burst, not beyond");
        }
        assertTrue(b.tryAcquire("a", 100 * S) > 0);
    }
}
