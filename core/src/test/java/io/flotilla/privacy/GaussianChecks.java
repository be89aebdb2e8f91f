package io.flotilla.privacy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

/** Statistical checks that samples come from N(0, 1): moments and the Kolmogorov-Smirnov statistic. */
final class GaussianChecks {
    private GaussianChecks() {
    }

    static double[] draw(NoiseSource noise, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = noise.nextGaussian();
        }
        return x;
    }

    static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    static double variance(double[] x) {
        double m = mean(x);
        double s = 0;
        for (double v : x) {
            s += (v - m) * (v - m);
        }
        return s / (x.length - 1);
    }

    static double normalCdf(double x) {
        return 0.5 * SpecialFunctions.erfc(-x / Math.sqrt(2));
    }

    /** The two-sided Kolmogorov-Smirnov statistic D_n of the sample against the standard normal CDF. */
    static double ksStatistic(double[] sample) {
        double[] x = sample.clone();
        Arrays.sort(x);
        int n = x.length;
        double d = 0;
        for (int i = 0; i < n; i++) {
            double f = normalCdf(x[i]);
            d = Math.max(d, Math.max((i + 1.0) / n - f, f - (double) i / n));
        }
        return d;
    }

    /**
     * Asserts mean, variance and KS statistic are within {@code k} standard errors; the KS bound is
     * {@code ksCoefficient / sqrt(n)} (1.63 is the 1% critical value, 1.95 the 0.1% one, 2.5 about 1e-5).
     */
    static void assertStandardNormal(double[] x, double k, double ksCoefficient) {
        int n = x.length;
        double mean = mean(x);
        double var = variance(x);
        double ks = ksStatistic(x);
        assertTrue(Math.abs(mean) < k / Math.sqrt(n), "mean " + mean);
        assertTrue(Math.abs(var - 1) < k * Math.sqrt(2.0 / n), "variance " + var);
        assertTrue(ks < ksCoefficient / Math.sqrt(n), "KS statistic " + ks + " for n=" + n);
    }
}
