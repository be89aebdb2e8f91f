package io.flotilla.aggregation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @Test
    void weightedMeanOfTwoDenseDeltas() {
        WeightedSum s = new WeightedSum(2);
        s.add(new float[] {1f, 2f}, 1);
        s.add(new float[] {4f, -1f}, 3);
        assertArrayEquals(new float[] {3.25f, -0.25f}, s.mean());
        assertEquals(2, s.count());
        assertEquals(4, s.totalWeight());
    }

    @Test
    void aSparseDeltaFoldsExactlyLikeItsDenseForm() {
        WeightedSum sparse = new WeightedSum(5);
        WeightedSum dense = new WeightedSum(5);
        sparse.add(new float[] {1f, 1f, 1f, 1f, 1f}, 2);
        dense.add(new float[] {1f, 1f, 1f, 1f, 1f}, 2);
        // only the first two of the arrays' entries count
        sparse.addSparse(new int[] {1, 4, 0}, new float[] {0.5f, -3f, 99f}, 2, 6);
        dense.add(new float[] {0f, 0.5f, 0f, 0f, -3f}, 6);
        assertArrayEquals(dense.mean(), sparse.mean());
        assertArrayEquals(new float[] {0.25f, 0.625f, 0.25f, 0.25f, -2f}, sparse.mean());
        assertEquals(2, sparse.count());
        assertEquals(8, sparse.totalWeight());
    }

    @Test
    void sparseInputOutsideTheModelOrWithoutWeightIsRefused() {
        WeightedSum s = new WeightedSum(3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> s.addSparse(new int[] {3}, new float[] {1f}, 1, 1));
        assertTrue(e.getMessage().contains("3"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> s.addSparse(new int[] {0}, new float[] {1f}, 2, 1));
        assertThrows(IllegalArgumentException.class, () -> s.addSparse(new int[] {0}, new float[] {1f}, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> s.add(new float[] {1f}, 1));
        assertEquals(0, s.count());
    }
}
