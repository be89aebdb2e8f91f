package io.flotilla.pruning.compression;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TopKTest {

    private static int[] select(float[] x, int k) {
        int[] idx = new int[k];
        int m = TopK.selectInto(x, k, new float[x.length], idx);
        return Arrays.copyOf(idx, m);
    }

    @Test
    void picksTheLargestMagnitudesInIndexOrder() {
        assertArrayEquals(new int[] {1, 2, 4}, select(new float[] {0.1f, -5, 3, 0, -3, 2}, 3));
    }

    @Test
    void tiesAreTakenInIndexOrderAndZerosNever() {
        assertArrayEquals(new int[] {0, 1}, select(new float[] {1, -1, 1, 1}, 2));
        assertArrayEquals(new int[] {2}, select(new float[] {0, 0, 2, 0}, 3));
    }

    @Test
    void matchesASortingReference() {
        SplittableRandom rng = new SplittableRandom(5);
        float[] x = new float[5000];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextGaussian();
        }
        int[] idx = select(x, 50);
        float[] abs = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            abs[i] = Math.abs(x[i]);
        }
        Arrays.sort(abs);
        float threshold = abs[x.length - 50];
        assertEquals(50, idx.length);
        for (int i : idx) {
            assertEquals(true, Math.abs(x[i]) >= threshold);
        }
    }

    @Test
    void countIsTheCeilingOfTheFractionAndAtLeastOne() {
        assertEquals(10, TopK.count(0.01f, 1000));
        assertEquals(1, TopK.count(0.001f, 10));
        assertEquals(16000, TopK.count(0.01f, 1_600_000));
        assertThrows(IllegalArgumentException.class, () -> TopK.count(0f, 10));
        assertThrows(IllegalArgumentException.class, () -> TopK.count(1.5f, 10));
    }
}
