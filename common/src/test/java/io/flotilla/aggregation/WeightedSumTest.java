package io.flotilla.aggregation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class WeightedSumTest {

    @Test
    void aSecureAggregationSumGivesTheSameMeanAsItsDeltasOneByOne() {
        WeightedSum single = new WeightedSum(2);
        single.add(new float[] {1f, -2f}, 1);
        single.add(new float[] {4f, 0.5f}, 3);
        WeightedSum summed = new WeightedSum(2);
        summed.addSum(new float[] {1f + 12f, -2f + 1.5f}, 4, 2);
        assertArrayEquals(single.mean(), summed.mean());
        assertEquals(2, summed.count());
        assertEquals(4, summed.totalWeight());
    }

    @Test
    void badSumsAreRefused() {
        WeightedSum s = new WeightedSum(2);
        assertThrows(IllegalArgumentException.class, () -> s.addSum(new float[3], 1, 1));
        assertThrows(IllegalArgumentException.class, () -> s.addSum(new float[2], 0, 1));
        assertThrows(IllegalArgumentException.class, () -> s.addSum(new float[2], 1, 0));
    }

    @Test
    void accumulatorsThatNeedEveryDeltaRefuseASum() {
        UpdateAccumulator buffered = new TrimmedMean(0.1f, 10).newAccumulator(io.flotilla.model.ModelLayout.of(
                io.flotilla.model.TensorSpec.bias("b", 2)));
        assertThrows(UnsupportedOperationException.class, () -> buffered.addSum(new float[2], 1, 1));
    }
}
