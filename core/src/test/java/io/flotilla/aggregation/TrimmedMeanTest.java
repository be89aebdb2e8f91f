package io.flotilla.aggregation;

import static io.flotilla.aggregation.Fixtures.params;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TrimmedMeanTest {

    @Test
    void cutsFloorBetaTimesNFromEachSide() {
        TrimmedMean s = new TrimmedMean(0.2f, 10);
        assertEquals(1, s.trimCount(5));
        assertEquals(0, s.trimCount(4));
        float[] g = Fixtures.round(s, 1, params(0f), new float[] {1}, new float[] {100}, new float[] {2},
                new float[] {4}, new float[] {3});
        assertArrayEquals(new float[] {3f}, g);
    }

    @Test
    void betaZeroIsThePlainUnweightedMean() {
        float[] g = Fixtures.round(new TrimmedMean(0f, 10), 1, params(1f), new long[] {1, 9}, new float[] {2},
                new float[] {4});
        assertArrayEquals(new float[] {4f}, g);
    }

    @Test
    void betaOutsideZeroToHalfIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new TrimmedMean(0.5f, 10));
        assertThrows(IllegalArgumentException.class, () -> new TrimmedMean(-0.1f, 10));
    }
}
