package io.flotilla.pruning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MagnitudePruningTest {

    private static float[] ones(int n) {
        float[] a = new float[n];
        Arrays.fill(a, 1f);
        return a;
    }

    @Test
    void prunesTheSmallestMagnitudes() {
        float[] v = {0.5f, -0.1f, 0.3f, -0.9f, 0.2f, 0.05f};
        float[] keep = ones(6);
        int pruned = MagnitudePruning.pruneGroupInPlace(v, keep, new int[] {0}, new int[] {6}, 0.5f, new float[6]);
        assertEquals(3, pruned);
        assertArrayEquals(new float[] {1, 0, 1, 1, 0, 0}, keep);
    }

    @Test
    void tiesArePrunedInIndexOrderToTheExactCount() {
        float[] keep = ones(4);
        MagnitudePruning.pruneGroupInPlace(new float[] {1, -1, 1, 1}, keep, new int[] {0}, new int[] {4}, 0.5f,
                new float[4]);
        assertArrayEquals(new float[] {0, 0, 1, 1}, keep);
    }

    @Test
    void alreadyPrunedEntriesCountAndStayPruned() {
        float[] keep = {0, 1, 1, 1, 1, 1};
        float[] v = {9, 1, 2, 3, 4, 5};
        assertEquals(2, MagnitudePruning.pruneGroupInPlace(v, keep, new int[] {0}, new int[] {6}, 0.5f, new float[6]));
        assertArrayEquals(new float[] {0, 0, 0, 1, 1, 1}, keep);
        assertEquals(0, MagnitudePruning.pruneGroupInPlace(v, keep, new int[] {0}, new int[] {6}, 0.2f, new float[6]));
        assertArrayEquals(new float[] {0, 0, 0, 1, 1, 1}, keep);
    }

    @Test
    void groupSpansSeveralRangesAndLeavesOthersAlone() {
        float[] v = {5, 0.1f, 100, 100, 0.2f, 7};
        float[] keep = ones(6);
        MagnitudePruning.pruneGroupInPlace(v, keep, new int[] {0, 4}, new int[] {2, 2}, 0.5f, new float[4]);
        assertArrayEquals(new float[] {1, 0, 1, 1, 0, 1}, keep);
    }

    @Test
    void matchesASortingReferenceOnRandomWeights() {
        SplittableRandom rng = new SplittableRandom(3);
        float[] v = new float[1000];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) rng.nextGaussian();
        }
        float[] keep = ones(v.length);
        MagnitudePruning.pruneGroupInPlace(v, keep, new int[] {0}, new int[] {v.length}, 0.8f, new float[v.length]);
        float[] abs = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            abs[i] = Math.abs(v[i]);
        }
        Arrays.sort(abs);
        float threshold = abs[800];
        int kept = 0;
        for (int i = 0; i < v.length; i++) {
            assertEquals(Math.abs(v[i]) >= threshold ? 1f : 0f, keep[i], "index " + i);
            kept += (int) keep[i];
        }
        assertEquals(200, kept);
    }
}
