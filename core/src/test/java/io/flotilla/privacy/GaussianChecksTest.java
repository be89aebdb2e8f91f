package io.flotilla.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The checks themselves must be able to fail: they reject samples that are not standard normal. */
class GaussianChecksTest {

    @Test
    void normalCdfKnownValues() {
        assertEquals(0.5, GaussianChecks.normalCdf(0), 1e-16);
        assertEquals(0.8413447460685429, GaussianChecks.normalCdf(1), 1e-15);
        assertEquals(0.022750131948179195, GaussianChecks.normalCdf(-2), 1e-16);
    }

    @Test
    void ksDetectsWrongScaleAndUniformSamples() {
        InsecureSeededNoise noise = new InsecureSeededNoise(7);
        double[] scaled = GaussianChecks.draw(noise, 20_000);
        for (int i = 0; i < scaled.length; i++) {
            scaled[i] *= 1.05;
        }
        assertTrue(GaussianChecks.ksStatistic(scaled) > 1.95 / Math.sqrt(scaled.length));
        double[] uniform = new double[20_000];
        java.util.SplittableRandom r = new java.util.SplittableRandom(1);
        for (int i = 0; i < uniform.length; i++) {
            uniform[i] = (r.nextDouble() * 2 - 1) * Math.sqrt(3); // mean 0, variance 1, not Gaussian
        }
        assertTrue(GaussianChecks.ksStatistic(uniform) > 1.95 / Math.sqrt(uniform.length));
    }
}
