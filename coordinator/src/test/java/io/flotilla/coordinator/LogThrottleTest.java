package io.flotilla.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogThrottleTest {
    private long now;
    private final LogThrottle throttle = new LogThrottle(Duration.ofSeconds(10), 2, () -> now);

    @Test
    void theFirstLineOfAKindPassesRepeatsAreCountedAndTheNextLinePastTheIntervalCarriesTheCount() {
        assertEquals(new LogThrottle.Admission(true, 0), throttle.admit("c1 (duplicate)"));
        for (int i = 0; i < 99; i++) {
            now += 50_000_000L; // 0.05 s apart: 4.95 s in all
            assertFalse(throttle.admit("c1 (duplicate)").log());
        }
        assertTrue(throttle.admit("c2 (duplicate)").log(), "another kind is not held back by the flood");
        now = Duration.ofSeconds(10).toNanos();
        assertEquals(new LogThrottle.Admission(true, 99), throttle.admit("c1 (duplicate)"));
        now += 1;
        assertFalse(throttle.admit("c1 (duplicate)").log());
        assertEquals(Map.of("c1 (duplicate)", 1L), throttle.drainSuppressed());
        assertEquals(Map.of(), throttle.drainSuppressed(), "drained counts are not reported twice");
    }

    @Test
    void kindsPastTheBoundForgetTheOldestAndItsCountIsStillReported() {
        throttle.admit("a");
        assertFalse(throttle.admit("a").log());
        throttle.admit("b");
        assertTrue(throttle.admit("c").log());
        assertEquals(Map.of("a", 1L), throttle.drainSuppressed());
        assertTrue(throttle.admit("a").log(), "a forgotten kind starts over");
    }

    @Test
    void aNonPositiveIntervalIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new LogThrottle(Duration.ZERO, 1, () -> 0));
        assertThrows(IllegalArgumentException.class, () -> new LogThrottle(Duration.ofSeconds(1), 0, () -> 0));
    }
}
