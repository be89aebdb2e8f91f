package io.flotilla.aggregation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flotilla.model.ModelLayout;
import io.flotilla.model.ParameterSet;
import io.flotilla.model.TensorSpec;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ArrivalOrderFreeTest {
    private static final ModelLayout LAYOUT = ModelLayout.of(TensorSpec.weight("w", 4096));

    @Test
    void resultIsBitIdenticalWhateverTheArrivalOrder() {
        float[][] deltas = new float[12][LAYOUT.totalSize()];
        long[] weights = new long[12];
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < deltas.length; i++) {
            for (int j = 0; j < deltas[i].length; j++) {
                deltas[i][j] = (float) (r.nextGaussian() * Math.pow(10, r.nextInt(-6, 3)));
            }
            weights[i] = 1 + r.nextInt(5000);
        }
        ParameterSet global = ParameterSet.zeros(LAYOUT);
        float[] reference = null;
        for (int trial = 0; trial < 6; trial++) {
            int[] order = shuffled(deltas.length, new SplittableRandom(trial));
            ArrivalOrderFree s = new ArrivalOrderFree(new FedAvg());
            UpdateAccumulator acc = s.newAccumulator(LAYOUT);
            for (int i : order) {
                acc.add(deltas[i], weights[i]);
            }
            assertEquals(deltas.length, acc.count());
            float[] out = s.aggregateFit(1, global, acc).orElseThrow().values();
            if (reference == null) {
                reference = out;
            } else {
                assertArrayEquals(reference, out);
            }
        }
        assertTrue(new ArrivalOrderFree(new FedAvg()).requiresIndividualUpdates());
    }

    @Test
    void delegatesTheMathToTheWrappedStrategy() {
        ArrivalOrderFree s = new ArrivalOrderFree(new FedAvg());
        UpdateAccumulator acc = s.newAccumulator(ModelLayout.of(TensorSpec.weight("w", 2)));
        acc.add(new float[] {1f, 2f}, 1);
        acc.add(new float[] {3f, 6f}, 3);
        ParameterSet g = ParameterSet.zeros(ModelLayout.of(TensorSpec.weight("w", 2)));
        assertArrayEquals(new float[] {2.5f, 5f}, s.aggregateFit(1, g, acc).orElseThrow().values());
        assertEquals("fedavg", s.name());
    }

    @Test
    void sparseDeltasAreBufferedAndFoldedInContentOrderLikeTheirDenseForms() {
        ModelLayout layout = ModelLayout.of(TensorSpec.weight("w", 6));
        ParameterSet g = ParameterSet.zeros(layout);
        int[][] idx = {{0, 5}, {2}, {1, 3, 4}};
        float[][] val = {{1.5f, -2f}, {7f}, {0.25f, 3f, -1f}};
        long[] w = {3, 1, 2};
        float[] reference = null;
        for (int trial = 0; trial < 4; trial++) {
            ArrivalOrderFree s = new ArrivalOrderFree(new FedAvg());
            SparseAccumulator acc = (SparseAccumulator) s.newAccumulator(layout);
            for (int i : shuffled(3, new SplittableRandom(trial))) {
                // the caller's arrays are reused afterwards: the buffer must have copied them
                int[] ix = idx[i].clone();
                float[] vx = val[i].clone();
                acc.addSparse(ix, vx, ix.length, w[i]);
                java.util.Arrays.fill(vx, 1000f);
            }
            acc.add(new float[] {1f, 1f, 1f, 1f, 1f, 1f}, 2);
            float[] out = s.aggregateFit(1, g, acc).orElseThrow().values();
            if (reference == null) {
                reference = out;
            } else {
                assertArrayEquals(reference, out);
            }
        }
        // (3 x {1.5,0,0,0,0,-2} + 1 x {0,0,7,0,0,0} + 2 x {0,.25,0,3,-1,0} + 2 x ones) / 8
        assertArrayEquals(new float[] {6.5f / 8, 2.5f / 8, 9f / 8, 8f / 8, 0f, -4f / 8}, reference, 1e-7f);
    }

    @Test
    void sparseDeltasAreDensifiedForAWrappedStrategyThatKeepsEveryUpdate() {
        ModelLayout layout = ModelLayout.of(TensorSpec.weight("w", 3));
        ArrivalOrderFree s = new ArrivalOrderFree(Strategies.create(java.util.Map.of("name", "median")));
        SparseAccumulator acc = (SparseAccumulator) s.newAccumulator(layout);
        acc.addSparse(new int[] {0}, new float[] {3f}, 1, 1);
        acc.addSparse(new int[] {0, 2}, new float[] {1f, 5f}, 2, 1);
        acc.add(new float[] {2f, 4f, 6f}, 1);
        ParameterSet g = ParameterSet.zeros(layout);
        // per coordinate median of {3,1,2}, {0,0,4}, {0,5,6}
        assertArrayEquals(new float[] {2f, 0f, 5f}, s.aggregateFit(1, g, acc).orElseThrow().values());
    }

    private static int[] shuffled(int n, SplittableRandom r) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }

    @Test
    void aSecureAggregationSumPassesStraightThrough() {
        ArrivalOrderFree s = new ArrivalOrderFree(new FedAvg());
        io.flotilla.model.ModelLayout layout = io.flotilla.model.ModelLayout.of(
                io.flotilla.model.TensorSpec.bias("b", 2));
        UpdateAccumulator acc = s.newAccumulator(layout);
        acc.addSum(new float[] {2f, 4f}, 2, 2);
        org.junit.jupiter.api.Assertions.assertEquals(2, acc.count());
        io.flotilla.model.ParameterSet next = s.aggregateFit(1, io.flotilla.model.ParameterSet.copyOf(layout,
                new float[] {1f, 1f}), acc).orElseThrow();
        org.junit.jupiter.api.Assertions.assertArrayEquals(new float[] {2f, 3f}, next.values());
    }
}
