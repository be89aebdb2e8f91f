package io.flotilla.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FloatKernelsTest {

    @Test
    void selectMatchesSortingOnRandomSortedReversedAndConstantInputs() {
        SplittableRandom rng = new SplittableRandom(7);
        for (int trial = 0; trial < 300; trial++) {
            int n = 1 + rng.nextInt(40);
            float[] a = new float[n];
            int kind = trial % 4;
            for (int i = 0; i < n; i++) {
                a[i] = switch (kind) {
                    case 0 -> (float) rng.nextGaussian();
                    case 1 -> i;
                    case 2 -> n - i;
                    default -> rng.nextInt(3);
                };
            }
            float[] sorted = a.clone();
            Arrays.sort(sorted);
            int k = rng.nextInt(n);
            float[] work = a.clone();
            assertEquals(sorted[k], FloatKernels.select(work, 0, n, k));
            for (int i = 0; i < k; i++) {
                assertEquals(true, work[i] <= work[k]);
            }
            for (int i = k + 1; i < n; i++) {
                assertEquals(true, work[i] >= work[k]);
            }
        }
    }

    @Test
    void selectRefusesARangeOutsideTheArrayOrAnIndexOutsideTheRange() {
        float[] a = {3, 1, 2};
        assertThrows(IndexOutOfBoundsException.class, () -> FloatKernels.select(a, 0, 4, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> FloatKernels.select(a, 1, 3, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> FloatKernels.select(a, 2, 2, 2));
    }
}
