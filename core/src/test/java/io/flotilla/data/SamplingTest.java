package io.flotilla.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SamplingTest {

    @ParameterizedTest
    @ValueSource(doubles = {0.1, 0.5, 1, 2.5, 10})
    void gammaHasMeanAndVarianceEqualToItsShape(double shape) {
        SplittableRandom rng = new SplittableRandom(shape > 1 ? 1 : 2);
        int n = 200_000;
        double sum = 0;
        double sumSq = 0;
        for (int i = 0; i < n; i++) {
            double g = Sampling.gamma(shape, rng);
            sum += g;
            sumSq += g * g;
        }
        double mean = sum / n;
        double var = sumSq / n - mean * mean;
        // Standard error of the mean is sqrt(shape / n); allow about five of them, and 5% on the variance.
        assertEquals(shape, mean, 5 * Math.sqrt(shape / n), "mean");
        assertEquals(shape, var, 0.05 * shape + 0.01, "variance");
    }

    @Test
    void normalHasZeroMeanAndUnitVariance() {
        SplittableRandom rng = new SplittableRandom(3);
        double sum = 0;
        double sumSq = 0;
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            double x = Sampling.normal(rng);
            sum += x;
            sumSq += x * x;
        }
        assertEquals(0, sum / n, 0.01);
        assertEquals(1, sumSq / n, 0.02);
    }

    @Test
    void dirichletSumsToOneEvenForTinyAlpha() {
        double[] p = new double[1000];
        for (double alpha : new double[] {1e-4, 0.1, 1, 100}) {
            Sampling.dirichlet(alpha, new SplittableRandom(5), p);
            double sum = 0;
            for (double v : p) {
                assertTrue(v >= 0 && Double.isFinite(v));
                sum += v;
            }
            assertEquals(1, sum, 1e-9, "alpha " + alpha);
        }
        // Tiny alpha over a few components puts almost all mass on one of them.
        double[] q = new double[10];
        Sampling.dirichlet(1e-3, new SplittableRandom(6), q);
        assertTrue(Arrays.stream(q).max().getAsDouble() > 0.99, Arrays.toString(q));
    }

    @Test
    void cutsFollowNumpysCumulativeSumTruncation() {
        // (cumsum([0.25, 0.25, 0.5]) * 10).astype(int)[:-1] == [2, 5]
        assertArrayEquals(new int[] {2, 5}, Sampling.cuts(new double[] {0.25, 0.25, 0.5}, 10));
        assertArrayEquals(new int[0], Sampling.cuts(new double[] {1}, 10));
    }

    @Test
    void permutationHoldsEveryIndexOnceAndDependsOnTheSeed() {
        int[] p = Sampling.permutation(1000, new SplittableRandom(1));
        int[] sorted = p.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < 1000; i++) {
            assertEquals(i, sorted[i]);
        }
        assertArrayEquals(p, Sampling.permutation(1000, new SplittableRandom(1)));
        assertTrue(!Arrays.equals(p, Sampling.permutation(1000, new SplittableRandom(2))));
    }

    @Test
    void rejectsNonPositiveShape() {
        assertThrows(IllegalArgumentException.class, () -> Sampling.gamma(0, new SplittableRandom(1)));
        assertThrows(IllegalArgumentException.class, () -> Sampling.gamma(Double.NaN, new SplittableRandom(1)));
    }
}
