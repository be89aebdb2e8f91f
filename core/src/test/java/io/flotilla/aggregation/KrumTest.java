package io.flotilla.aggregation;

import static io.flotilla.aggregation.Fixtures.params;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KrumTest {
    private static final float[][] POINTS = {{0}, {1}, {2}, {4}, {5}, {100}};

    @Test
    void krumPicksTheDeltaWithTheLowestScore() {
        // scores with f = 1 are 21, 11, 9, 14, 26 and huge: the delta 2 wins
        Krum krum = new Krum(1, 1, 10);
        assertEquals("krum", krum.name());
        float[] g = Fixtures.round(krum, 1, params(10f), new long[] {1, 1, 1, 1, 1, 1}, POINTS);
        assertArrayEquals(new float[] {12f}, g);
    }

    @Test
    void multiKrumAveragesTheMLowestByExamples() {
        // m = 3 selects indices 2, 1 and 3 (deltas 2, 1 and 4) with weights 1, 1, 2: (2 + 1 + 8) / 4
        Krum multi = new Krum(1, 3, 10);
        assertEquals("multikrum", multi.name());
        float[] g = Fixtures.round(multi, 1, params(0f), new long[] {5, 1, 1, 2, 3, 100}, POINTS);
        assertArrayEquals(new float[] {2.75f}, g);
    }

    @Test
    void tooFewUpdatesForNGreaterThanTwoFPlusTwoKeepTheGlobalModel() {
        Krum krum = new Krum(1, 1, 10);
        assertEquals(5, krum.minimumUpdates());
        UpdateAccumulator acc = krum.newAccumulator(Fixtures.layout(1));
        for (int i = 0; i < 4; i++) {
            acc.add(new float[] {i}, 1);
        }
        assertTrue(krum.aggregateFit(1, params(0f), acc).isEmpty());
    }

    @Test
    void invalidParametersAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Krum(-1, 1, 10));
        assertThrows(IllegalArgumentException.class, () -> new Krum(1, 0, 10));
        assertThrows(IllegalArgumentException.class, () -> new Krum(1, 1, 0));
    }
}
