package io.flotilla.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoundRetryTest {
    private final RoundRetry retry = new RoundRetry(5, Duration.ofSeconds(1), Duration.ofSeconds(8),
            Duration.ofSeconds(10));

    @Test
    void backoffDoublesPerFailureWithinTheUpperHalfAndIsCapped() {
        Random jitter = new Random(1);
        long[] bases = {1000, 2000, 4000, 8000, 8000, 8000};
        for (int k = 1; k <= bases.length; k++) {
            for (int draw = 0; draw < 50; draw++) {
                long ms = retry.backoff(k, jitter).toMillis();
                assertTrue(ms >= bases[k - 1] / 2 && ms <= bases[k - 1], "failure " + k + ": " + ms + " ms");
            }
        }
    }

    @Test
    void backoffIsJittered() {
        Random jitter = new Random(2);
        Set<Long> seen = new HashSet<>();
        for (int draw = 0; draw < 20; draw++) {
            seen.add(retry.backoff(3, jitter).toMillis());
        }
        assertTrue(seen.size() > 10, "draws: " + seen);
    }

    @Test
    void defaultsAreReadFromReferenceConf() {
        CoordinatorConfig c = CoordinatorConfig.from(ConfigFactory.parseString("flotilla.model = tiny")
                .withFallback(ConfigFactory.load()));
        assertEquals(RoundRetry.defaults(), c.retry());
    }

    @Test
    void nonsenseIsRefusedNamingTheKey() {
        var e = assertThrows(IllegalArgumentException.class, () -> new RoundRetry(0, Duration.ofSeconds(1),
                Duration.ofSeconds(2), Duration.ofSeconds(1)));
        assertTrue(e.getMessage().contains("max_consecutive_abandoned"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new RoundRetry(3, Duration.ofSeconds(5),
                Duration.ofSeconds(2), Duration.ofSeconds(1)));
    }
}
