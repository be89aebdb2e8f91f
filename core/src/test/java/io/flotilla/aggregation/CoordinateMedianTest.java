package io.flotilla.aggregation;

import static io.flotilla.aggregation.Fixtures.params;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CoordinateMedianTest {

    @Test
    void outlierDoesNotMoveTheMedianAndWeightsAreIgnored() {
        CoordinateMedian s = new CoordinateMedian(10);
        assertTrue(s.requiresIndividualUpdates());
        float[] g = Fixtures.round(s, 1, params(10f, 10f, 10f), new long[] {1, 1000, 1},
                new float[] {1, 5, -1}, new float[] {2, 0, -3}, new float[] {100, 1, 7});
        assertArrayEquals(new float[] {12f, 11f, 9f}, g);
    }

    @Test
    void bufferBeyondTheConfiguredMaximumFails() {
        CoordinateMedian s = new CoordinateMedian(1);
        UpdateAccumulator acc = s.newAccumulator(Fixtures.layout(1));
        acc.add(new float[1], 1);
        assertThrows(IllegalStateException.class, () -> acc.add(new float[1], 1));
    }

    @Test
    void emptyRoundKeepsTheGlobalModel() {
        CoordinateMedian s = new CoordinateMedian(3);
        assertTrue(s.aggregateFit(1, params(1f), s.newAccumulator(Fixtures.layout(1))).isEmpty());
    }
}
