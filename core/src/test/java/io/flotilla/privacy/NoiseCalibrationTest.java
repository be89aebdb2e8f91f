package io.flotilla.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NoiseCalibrationTest {

    /**
     * pytorch/opacus, opacus/tests/accountants_test.py, test_get_noise_multiplier: epsilon 8, delta 1e-5,
     * q = 0.04, 90 epochs (2250 steps) -> 1.425307617 (Opacus stops its search within epsilon tolerance 0.01,
     * so its value is itself approximate). Opacus' accountant uses orders 1.1..10.9, 12..63.
     */
    @Test
    void opacusPublishedNoiseMultiplier() {
        double[] orders = new double[99 + 52];
        for (int x = 1; x < 100; x++) {
            orders[x - 1] = 1 + x / 10.0;
        }
        for (int a = 12; a < 64; a++) {
            orders[99 + a - 12] = a;
        }
        double z = NoiseCalibration.noiseMultiplier(8, 1e-5, 0.04, 2250, orders);
        assertEquals(1.425307617, z, 0.01 * 1.425307617);
    }

    @Test
    void calibratedNoiseMeetsTheTargetAndSlightlyLessDoesNot() {
        double z = NoiseCalibration.noiseMultiplier(3.0, 1e-5, 0.2, 50);
        double[] orders = RdpOrders.defaults();
        double eps = RdpConversion.epsilon(orders, SampledGaussianRdp.rdp(0.2, z, 50, orders), 1e-5).epsilon();
        double below = RdpConversion.epsilon(orders, SampledGaussianRdp.rdp(0.2, z * (1 - 1e-5), 50, orders), 1e-5)
                .epsilon();
        assertTrue(eps <= 3.0, "eps " + eps);
        assertTrue(below > 3.0 - 1e-3, "below " + below);
        assertEquals(3.0, eps, 1e-3);
    }

    @Test
    void badArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> NoiseCalibration.noiseMultiplier(0, 1e-5, 0.1, 10));
        assertThrows(IllegalArgumentException.class, () -> NoiseCalibration.noiseMultiplier(1, 0, 0.1, 10));
        assertThrows(IllegalArgumentException.class, () -> NoiseCalibration.noiseMultiplier(1, 1e-5, 0, 10));
        assertThrows(IllegalArgumentException.class, () -> NoiseCalibration.noiseMultiplier(1, 1e-5, 1.5, 10));
        assertThrows(IllegalArgumentException.class, () -> NoiseCalibration.noiseMultiplier(1, 1e-5, 0.1, 0));
    }
}
