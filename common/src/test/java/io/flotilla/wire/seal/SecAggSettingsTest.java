package io.flotilla.wire.seal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flotilla.crypto.secagg.SecAggConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SecAggSettingsTest {
    private static final Duration S = Duration.ofSeconds(5);

    private static SecAggSettings settings(double t, int k, double clip, int bits, long maxWeight) {
        return new SecAggSettings(t, k, clip, bits, maxWeight, 0.01, S, S, S);
    }

    @Test
    void thresholdIsAMajorityOfTheShareHolders() {
        SecAggSettings s = settings(0.67, 0, 1, 0, 100);
        assertEquals(3, s.threshold(3));
        assertEquals(3, s.threshold(4));
        assertEquals(7, s.threshold(10));
        assertEquals(2, settings(0.51, 0, 1, 0, 100).threshold(3));
        assertEquals(6, settings(0.51, 0, 1, 0, 100).threshold(10));
        // SecAgg+: holders are the k neighbours and the client itself; small cohorts use the complete graph.
        SecAggSettings plus = settings(0.67, 4, 1, 0, 100);
        assertEquals(4, plus.configFor(100, 10, 1).threshold());
        assertEquals(4, plus.configFor(100, 10, 1).neighbours());
        assertEquals(0, plus.configFor(5, 10, 1).neighbours());
    }

    @Test
    void autoScaleIsTheFinestThatCannotWrap() {
        SecAggConfig c = settings(0.67, 0, 1.0, 0, 65536).configFor(10, 3, 7);
        assertTrue(10.0 * 65536 * 1.0 * c.scale() < Integer.MAX_VALUE);
        assertTrue(10.0 * 65536 * 1.0 * c.scale() * 2 >= Integer.MAX_VALUE, "finest power of two");
        assertEquals(7, c.graphSeed());
    }

    @Test
    void anExplicitScaleThatCouldWrapIsRefusedWithTheProduct() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> settings(0.67, 0, 1.0, 16, 65536).configFor(10, 3, 0));
        assertTrue(e.getMessage().contains("cohort 10 x max_weight 65536 x clip_range 1.0 x 2^quantisation_bits (16)")
                && e.getMessage().contains("would wrap"), e.getMessage());
        assertEquals(Math.scalb(1.0, 10), settings(0.67, 0, 1.0, 10, 65536).configFor(10, 3, 0).scale());
    }

    @Test
    void badSettingsAndCohortsAreClearErrors() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> settings(0.5, 0, 1, 0, 1)).getMessage()
                .startsWith("flotilla.secagg.threshold must be in (0.5, 1]"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> settings(0.6, 3, 1, 0, 1)).getMessage()
                .contains("neighbours must be 0 or an even number, got 3"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> settings(0.6, 0, 0, 0, 1)).getMessage()
                .contains("clip_range must be positive"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> settings(0.6, 0, 1, 31, 1)).getMessage()
                .contains("quantisation_bits must be in 0..30"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> settings(0.6, 0, 1, 0, 1).configFor(2, 3, 0)).getMessage()
                .contains("needs cohorts of at least 3 clients, got 2"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> settings(0.6, 0, 1, 0, 1).configFor(2001, 3, 0)).getMessage()
                .contains("at most 2000 clients, got 2001"));
    }
}
