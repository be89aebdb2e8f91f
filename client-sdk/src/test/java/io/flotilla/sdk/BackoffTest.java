package io.flotilla.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void ceilingsDoubleUpToTheCapAndDelaysStayUnderThem() {
        Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1000), new Random(3));
        long[] ceilings = {100, 200, 400, 800, 1000, 1000, 1000};
        for (long ceiling : ceilings) {
            long d = b.nextDelay().toMillis();
            assertTrue(d >= 0 && d <= ceiling, d + " over " + ceiling);
        }
        assertEquals(7, b.failures());
        b.reset();
        assertEquals(0, b.failures());
    }

    @Test
    void jitterSpreadsDelays() {
        Backoff b = new Backoff(Duration.ofMillis(1000), Duration.ofMillis(1000), new Random(5));
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (int i = 0; i < 20; i++) {
            seen.add(b.nextDelay().toMillis());
        }
        assertTrue(seen.size() > 10, seen.toString());
    }

    @Test
    void aServersRetryAfterIsOnlyEverLengthened() {
        Random r = new Random(9);
        for (int i = 0; i < 100; i++) {
            long ms = Backoff.jittered(Duration.ofMillis(1000), 0.1, r).toMillis();
            assertTrue(ms >= 1000 && ms <= 1100, Long.toString(ms));
        }
    }
}
