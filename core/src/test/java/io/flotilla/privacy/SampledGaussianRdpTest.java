package io.flotilla.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SampledGaussianRdpTest {

    @Test
    void withoutSamplingRdpIsStepsTimesAlphaOverTwoZSquared() {
        double[] orders = {1.5, 2, 3.7, 10, 64, 512};
        for (double z : new double[] {0.3, 1.0, 4.2}) {
            for (long steps : new long[] {1, 7, 1000}) {
                double[] rdp = SampledGaussianRdp.rdp(1.0, z, steps, orders);
                for (int i = 0; i < orders.length; i++) {
                    assertEquals(steps * orders[i] / (2 * z * z), rdp[i], 1e-12 * rdp[i]);
                }
            }
        }
    }

    /** TensorFlow Privacy, tensorflow_privacy/privacy/analysis/rdp_accountant_test.py: test_compute_rdp_no_sampling. */
    @Test
    void tfPrivacyNoSamplingAndNoData() {
        assertEquals(0.1, SampledGaussianRdp.rdp(1, 10, 1, new double[] {20})[0], 1e-15);
        assertEquals(0.0, SampledGaussianRdp.rdp(0, 10, 1, new double[] {20})[0]);
    }

    /** TensorFlow Privacy, rdp_accountant_test.py: test_compute_rdp_scalar, compute_rdp(0.1, 2, 10, 5) = 0.07737. */
    @Test
    void tfPrivacyScalar() {
        double rdp = SampledGaussianRdp.rdp(0.1, 2, 10, new double[] {5})[0];
        assertEquals(0.07737, rdp, 0.5e-5);
    }

    /**
     * google/differential-privacy, python/dp_accounting/dp_accounting/rdp/rdp_privacy_accountant_test.py:
     * test_compute_rdp_poisson_subsampled_gaussian (q = 0.01, z = 2.5, 50 steps, checked there with rtol 1e-4);
     * TensorFlow Privacy's test_compute_rdp_sequence has the same case to 1e-5 absolute.
     */
    @ParameterizedTest
    @CsvSource({
        "2.5, 1.08548710e-03",
        "5, 2.18075656e-03",
        "50, 2.38460375e-02",
        "100, 1.67416308e02",
    })
    void dpAccountingPoissonSubsampledGaussian(double order, double expected) {
        double rdp = SampledGaussianRdp.rdp(0.01, 2.5, 50, new double[] {order})[0];
        assertEquals(expected, rdp, 1e-4 * expected);
    }

    /**
     * Order 1.5 of the same case. dp_accounting publishes 6.70579741e-04, the sum of the absolute values of the
     * alternating fractional series (an upper bound); TensorFlow Privacy publishes 0.00065 (+-1e-5) and direct
     * numerical integration (mpmath quad at 50 digits, the method both test suites use as ground truth) gives
     * 6.500708971867e-04, which is what the signed series computes.
     */
    @Test
    void fractionalOrderIsTheExactValueAndBelowDpAccountingsBound() {
        double rdp = SampledGaussianRdp.rdp(0.01, 2.5, 50, new double[] {1.5})[0];
        assertEquals(6.500708971867e-4, rdp, 1e-4 * 6.5e-4);
        assertEquals(0.00065, rdp, 1e-5);
        assertTrue(rdp <= 6.70579741e-04);
        assertEquals(Double.POSITIVE_INFINITY,
                SampledGaussianRdp.rdp(0.01, 2.5, 50, new double[] {Double.POSITIVE_INFINITY})[0]);
    }

    /**
     * log A_alpha for the parameter sets of test_compute_log_a_equals_mp in TensorFlow Privacy's
     * rdp_accountant_test.py and dp_accounting's rdp_privacy_accountant_test.py (both compare against mpmath
     * integration with rtol 1e-4). Expected values: mpmath 1.3.0 quad of the defining integral, 50 digits.
     */
    @ParameterizedTest
    @CsvSource({
        "1e-7, 0.1, 1.01, 4.00341232784253e-8",
        "1e-6, 0.1, 256, 3260463.22929716",
        "1e-5, 0.1, 256.1, 3263607.03978842",
        "1e-6, 1, 27, 8.76950354080686e-10",
        "1e-4, 1, 1.5, 6.44268697036396e-9",
        "1e-3, 1, 2, 1.71828035221278e-6",
        "0.01, 10, 20, 0.000191296999128256",
        "0.1, 100, 20.5, 0.000199918184581252",
        "0.99, 0.1, 256, 3263997.42711402",
        "0.999, 100, 256.1, 3.26010803797311",
    })
    void logAMatchesNumericalIntegration(double q, double sigma, double order, double expected) {
        assertEquals(expected, SampledGaussianRdp.logA(q, sigma, order), 1e-4 * Math.abs(expected));
    }

    @Test
    void integerAndFractionalSeriesAgreeAtIntegerOrders() {
        for (double q : new double[] {0.001, 0.05, 0.3, 0.9}) {
            for (double z : new double[] {0.6, 1.1, 3.0}) {
                for (int a : new int[] {2, 3, 8, 20}) {
                    double exact = SampledGaussianRdp.logAInteger(q, z, a);
                    double series = SampledGaussianRdp.logAFractional(q, z, a);
                    assertEquals(exact, series, 1e-9 * Math.abs(exact) + 1e-15, "q=" + q + " z=" + z + " a=" + a);
                }
            }
        }
    }

    @Test
    void rdpIsMonotoneInOrderAndDecreasingInNoise() {
        double[] orders = RdpOrders.defaults();
        double[] low = SampledGaussianRdp.rdp(0.2, 0.8, 1, orders);
        double[] high = SampledGaussianRdp.rdp(0.2, 1.6, 1, orders);
        for (int i = 0; i < orders.length; i++) {
            assertTrue(high[i] < low[i], "order " + orders[i]);
            if (i > 0) {
                assertTrue(low[i] >= low[i - 1], "order " + orders[i]);
            }
        }
    }

    /**
     * q = 0.5 with sigma = 100 at order 1.25: the fractional series' terms decay polynomially and it does not
     * converge in 10,000 terms; the convexity bound is used. True value by mpmath integration: 1.5625292966919e-5.
     */
    @Test
    void nonConvergentSeriesFallsBackToAFiniteUpperBound() {
        assertEquals(Double.POSITIVE_INFINITY, SampledGaussianRdp.logAFractional(0.5, 100, 1.25));
        double rdp = SampledGaussianRdp.rdp(0.5, 100, 1.25);
        assertTrue(rdp >= 1.5625292966919e-5 && rdp < 2 * 1.5625292966919e-5, "rdp " + rdp);
    }

    @Test
    void convexityBoundIsAboveTheExactSeries() {
        for (double a : new double[] {1.25, 2.5, 7.75}) {
            double exact = SampledGaussianRdp.logAFractional(0.3, 1.2, a);
            double bound = SampledGaussianRdp.logAInterpolated(0.3, 1.2, a);
            assertTrue(bound >= exact, "order " + a + ": " + bound + " < " + exact);
        }
    }

    @Test
    void finiteNonNegativeOverAWideGrid() {
        double[] qs = {1e-9, 1e-4, 0.01, 0.2, 0.5, 0.9, 0.999999};
        double[] zs = {0.05, 0.3, 1, 3, 100, 1e4};
        for (double q : qs) {
            for (double z : zs) {
                for (double a : RdpOrders.defaults()) {
                    double r = SampledGaussianRdp.rdp(q, z, a);
                    assertTrue(r >= 0 && !Double.isNaN(r), "q=" + q + " z=" + z + " a=" + a + ": " + r);
                    assertTrue(r <= a / (2 * z * z) * (1 + 1e-9), "subsampling never costs more: q=" + q + " z="
                            + z + " a=" + a);
                }
            }
        }
    }

    /** Numerical robustness over arbitrary parameters: never NaN, never negative, never above the q = 1 cost. */
    @FuzzTest(maxDuration = "30s")
    void rdpIsAlwaysAValidBound(FuzzedDataProvider data) {
        double q = data.consumeProbabilityDouble();
        double z = data.consumeRegularDouble(1e-2, 1e4);
        double alpha = data.consumeRegularDouble(1.0001, 1024);
        double r = SampledGaussianRdp.rdp(q, z, alpha);
        assertTrue(r >= 0 && !Double.isNaN(r), "q=" + q + " z=" + z + " a=" + alpha + ": " + r);
        assertTrue(r <= alpha / (2 * z * z) * (1 + 1e-9), "q=" + q + " z=" + z + " a=" + alpha + ": " + r);
    }

    @Test
    void zeroNoiseIsInfinite() {
        assertEquals(Double.POSITIVE_INFINITY, SampledGaussianRdp.rdp(0.5, 0, 2));
    }

    @Test
    void badArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> SampledGaussianRdp.rdp(-0.1, 1, 2));
        assertThrows(IllegalArgumentException.class, () -> SampledGaussianRdp.rdp(1.1, 1, 2));
        assertThrows(IllegalArgumentException.class, () -> SampledGaussianRdp.rdp(0.5, -1, 2));
        assertThrows(IllegalArgumentException.class, () -> SampledGaussianRdp.rdp(0.5, Double.NaN, 2));
        assertThrows(IllegalArgumentException.class, () -> SampledGaussianRdp.rdp(0.5, 1, 1.0));
        assertThrows(IllegalArgumentException.class, () -> SampledGaussianRdp.rdp(0.5, 1, -1, new double[] {2}));
    }
}
