package io.flotilla.privacy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RdpAccountantTest {

    private static final double[] TF_PRIVACY_DP_SGD_ORDERS = tfPrivacyOrders();

    /** The orders of compute_dp_sgd_privacy_lib.compute_dp_sgd_privacy in tensorflow/privacy. */
    private static double[] tfPrivacyOrders() {
        double[] head = {1.25, 1.5, 1.75, 2., 2.25, 2.5, 3., 3.5, 4., 4.5};
        double[] out = new double[head.length + 59 + 3];
        System.arraycopy(head, 0, out, 0, head.length);
        for (int a = 5; a < 64; a++) {
            out[head.length + a - 5] = a;
        }
        out[out.length - 3] = 128;
        out[out.length - 2] = 256;
        out[out.length - 1] = 512;
        return out;
    }

    /** Opacus' DEFAULT_ALPHAS: 1.1, 1.2, ..., 10.9, 12, ..., 63. */
    private static double[] opacusOrders() {
        double[] out = new double[99 + 52];
        for (int x = 1; x < 100; x++) {
            out[x - 1] = 1 + x / 10.0;
        }
        for (int a = 12; a < 64; a++) {
            out[99 + a - 12] = a;
        }
        return out;
    }

    /**
     * tensorflow/privacy, tensorflow_privacy/privacy/analysis/compute_dp_sgd_privacy_test.py,
     * test_compute_dp_sgd_privacy: (n, batch, noise, epochs, delta) -> (epsilon, order), with q = batch / n and
     * steps = ceil(epochs * n / batch), through dp_accounting's RdpAccountant (the tighter conversion).
     */
    @ParameterizedTest
    @CsvSource({
        "60000, 150, 1.3, 15, 1e-5, 0.7242234026109595, 19.0",
        "100000, 100, 1.0, 30, 1e-7, 1.4154988495444842, 13.0",
        "100000000, 1024, 0.1, 10, 1e-7, 5907982.3113978775, 1.25",
    })
    void tfPrivacyDpSgdPublishedEpsilons(long n, long batch, double z, long epochs, double delta, double expected,
            double expectedOrder) {
        double q = (double) batch / n;
        long steps = (long) Math.ceil((double) epochs * n / batch);
        PrivacySpent spent = new RdpAccountant(TF_PRIVACY_DP_SGD_ORDERS).composePoissonGaussian(q, z, steps)
                .epsilon(delta);
        assertEquals(expected, spent.epsilon(), 1e-6 * expected);
        assertEquals(expectedOrder, spent.order());
    }

    /**
     * pytorch/opacus, opacus/tests/accountants_test.py, test_rdp_accountant: 2250 steps of q = 0.04, noise 1.5,
     * one step at a time, give epsilon 7.32911117143 at delta 1e-5 over Opacus' default orders.
     */
    @Test
    void opacusPublishedEpsilonStepByStep() {
        RdpAccountant accountant = new RdpAccountant(opacusOrders());
        for (int i = 0; i < 2250; i++) {
            accountant.composePoissonGaussian(0.04, 1.5, 1);
        }
        assertEquals(7.32911117143, accountant.epsilon(1e-5).epsilon(), 1e-7);
        assertEquals(2250, accountant.steps());
    }

    @Test
    void composingStepsOneByOneEqualsComposingThemAtOnce() {
        RdpAccountant a = new RdpAccountant();
        RdpAccountant b = new RdpAccountant();
        for (int i = 0; i < 10; i++) {
            a.composePoissonGaussian(0.2, 1.0, 1);
        }
        b.composePoissonGaussian(0.2, 1.0, 10);
        assertArrayEquals(b.rdp(), a.rdp(), 1e-12);
    }

    @Test
    void heterogeneousRoundsAdd() {
        double[] orders = {2, 4.5, 32};
        RdpAccountant mixed = new RdpAccountant(orders).composePoissonGaussian(0.1, 1.0, 3)
                .composePoissonGaussian(0.3, 2.0, 2);
        double[] expected = new double[orders.length];
        for (int i = 0; i < orders.length; i++) {
            expected[i] = 3 * SampledGaussianRdp.rdp(0.1, 1.0, orders[i]) + 2 * SampledGaussianRdp.rdp(0.3, 2.0,
                    orders[i]);
        }
        assertArrayEquals(expected, mixed.rdp(), 1e-15);
    }

    @Test
    void epsilonIfComposedPredictsWithoutComposing() {
        RdpAccountant acc = new RdpAccountant().composePoissonGaussian(0.2, 1.0, 49);
        double predicted = acc.epsilonIfComposed(0.2, 1.0, 1, 1e-5).epsilon();
        assertEquals(49, acc.steps());
        double actual = acc.composePoissonGaussian(0.2, 1.0, 1).epsilon(1e-5).epsilon();
        assertEquals(actual, predicted, 0.0);
    }

    @Test
    void nothingComposedIsFree() {
        assertEquals(0.0, new RdpAccountant().epsilon(1e-5).epsilon());
    }

    @Test
    void gaussianWithoutSamplingMatchesClosedFormCurve() {
        double[] orders = {2, 8};
        RdpAccountant acc = new RdpAccountant(orders).composeGaussian(2.0, 5);
        assertArrayEquals(new double[] {5 * 2 / 8.0, 5 * 8 / 8.0}, acc.rdp(), 1e-15);
    }

    @Test
    void badArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new RdpAccountant(new double[0]));
        assertThrows(IllegalArgumentException.class, () -> new RdpAccountant(new double[] {0.5}));
        assertThrows(IllegalArgumentException.class, () -> new RdpAccountant().composePoissonGaussian(0.1, 1, -1));
        assertThrows(IllegalArgumentException.class, () -> new RdpAccountant().composePoissonGaussian(2, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new RdpAccountant().epsilonIfComposed(0.1, 1, -1, 1e-5));
    }
}
