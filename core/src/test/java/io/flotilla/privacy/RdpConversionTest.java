package io.flotilla.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RdpConversionTest {

    private static double[] range(int fromInclusive, int toExclusive) {
        double[] out = new double[toExclusive - fromInclusive];
        for (int i = 0; i < out.length; i++) {
            out[i] = fromInclusive + i;
        }
        return out;
    }

    /**
     * google/differential-privacy, dp_accounting/rdp/rdp_privacy_accountant_test.py,
     * test_compute_epsilon_delta_pure_dp: constant RDP 1.1 over orders 2..32 gives epsilon 1.32783806176 at
     * delta 1e-5, at order 32; and back.
     */
    @Test
    void pureDpPublishedValue() {
        double[] orders = range(2, 33);
        double[] rdp = new double[orders.length];
        java.util.Arrays.fill(rdp, 1.1);
        PrivacySpent eps = RdpConversion.epsilon(orders, rdp, 1e-5);
        assertEquals(1.32783806176, eps.epsilon(), 1e-9);
        assertEquals(32.0, eps.order());
        PrivacySpent delta = RdpConversion.delta(orders, rdp, 1.32783806176);
        assertEquals(1e-5, delta.delta(), 1e-12);
        assertEquals(32.0, delta.order());
    }

    /**
     * Same file, test_compute_epsilon_delta_gaussian: the Gaussian mechanism (q = 1) with noise 4.530877117 is
     * exactly (1, 1e-6)-DP; over the fine grid of orders 1.000..99.999 the conversion gives epsilon 1 and
     * delta 1e-6 (assertAlmostEqual: 7 places).
     */
    @Test
    void gaussianCalibratedToOneEpsilon() {
        double[] orders = new double[99_000];
        for (int i = 0; i < orders.length; i++) {
            orders[i] = 0.001 * (i + 1000);
        }
        orders[0] = Math.nextUp(1.0); // the Python grid starts at order 1.0; our orders must exceed 1
        double[] rdp = SampledGaussianRdp.rdp(1, 4.530877117, 1, orders);
        assertEquals(1.0, RdpConversion.epsilon(orders, rdp, 1e-6).epsilon(), 0.5e-7);
        assertEquals(1e-6, RdpConversion.delta(orders, rdp, 1.0).delta(), 0.5e-7);
    }

    @Test
    void tighterThanMironovsOriginalConversion() {
        double[] orders = RdpOrders.defaults();
        double[] rdp = SampledGaussianRdp.rdp(0.02, 1.0, 1000, orders);
        double classic = Double.POSITIVE_INFINITY;
        for (int i = 0; i < orders.length; i++) {
            classic = Math.min(classic, rdp[i] + Math.log(1 / 1e-5) / (orders[i] - 1));
        }
        double eps = RdpConversion.epsilon(orders, rdp, 1e-5).epsilon();
        assertTrue(eps < classic, eps + " vs " + classic);
    }

    @Test
    void epsilonAndDeltaAreInverse() {
        double[] orders = range(2, 50);
        for (double q : new double[] {0.01, 0.1, 0.8, 1.0}) {
            for (double z : new double[] {0.5, 1.0, 3.0}) {
                double[] rdp = SampledGaussianRdp.rdp(q, z, 1, orders);
                for (double delta : new double[] {0.1, 1e-3, 1e-5, 1e-9}) {
                    PrivacySpent eps = RdpConversion.epsilon(orders, rdp, delta);
                    PrivacySpent back = RdpConversion.delta(orders, rdp, eps.epsilon());
                    if (eps.epsilon() > 0) {
                        assertEquals(delta, back.delta(), 1e-9 * delta + 1e-15, "q=" + q + " z=" + z);
                    } else {
                        assertTrue(back.delta() <= delta);
                    }
                }
            }
        }
    }

    @Test
    void zeroRdpGivesZeroEpsilon() {
        double[] orders = {2, 3};
        PrivacySpent eps = RdpConversion.epsilon(orders, new double[] {0, 0}, 1e-5);
        assertEquals(0.0, eps.epsilon());
        assertEquals(0.0, RdpConversion.delta(orders, new double[] {0, 0}, 1.0).delta());
    }

    @Test
    void infiniteRdpGivesInfiniteEpsilonAndDeltaOne() {
        double[] orders = {2, 3};
        double[] rdp = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
        assertEquals(Double.POSITIVE_INFINITY, RdpConversion.epsilon(orders, rdp, 1e-5).epsilon());
        assertEquals(1.0, RdpConversion.delta(orders, rdp, 1.0).delta());
    }

    @Test
    void badArgumentsAreRejected() {
        double[] orders = {2, 3};
        double[] rdp = {0.1, 0.2};
        assertThrows(IllegalArgumentException.class, () -> RdpConversion.epsilon(orders, new double[] {1}, 1e-5));
        assertThrows(IllegalArgumentException.class, () -> RdpConversion.epsilon(orders, rdp, 0));
        assertThrows(IllegalArgumentException.class, () -> RdpConversion.epsilon(orders, rdp, 1));
        assertThrows(IllegalArgumentException.class, () -> RdpConversion.epsilon(orders, new double[] {-1, 0}, 0.1));
        assertThrows(IllegalArgumentException.class, () -> RdpConversion.epsilon(new double[] {1, 2}, rdp, 0.1));
        assertThrows(IllegalArgumentException.class, () -> RdpConversion.delta(orders, rdp, -1));
    }
}
