package io.flotilla.privacy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SecureGaussianNoiseTest {

    @Test
    void samplesAreStandardNormalWithLooserBounds() {
        // unseeded, so use bounds whose false-alarm rate is about 1e-5
        double[] x = GaussianChecks.draw(new SecureGaussianNoise(), 50_000);
        GaussianChecks.assertStandardNormal(x, 5, 2.5);
    }

    @Test
    void twoInstancesDoNotRepeatEachOther() {
        double[] a = GaussianChecks.draw(new SecureGaussianNoise(), 64);
        double[] b = GaussianChecks.draw(new SecureGaussianNoise(), 64);
        assertFalse(Arrays.equals(a, b));
    }

    @Test
    void addGaussianScalesByStd() {
        float[] v = new float[40_000];
        new SecureGaussianNoise().addGaussianInPlace(v, 3.0);
        double[] x = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            x[i] = v[i] / 3.0;
        }
        GaussianChecks.assertStandardNormal(x, 5, 2.5);
        assertThrows(IllegalArgumentException.class, () -> new SecureGaussianNoise().addGaussianInPlace(v, -1));
        assertThrows(IllegalArgumentException.class, () -> new SecureGaussianNoise().addGaussianInPlace(v, Double.NaN));
    }
}
