package io.flotilla.privacy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DpSgdTest {

    @Test
    void clipsEachRowIndependently() {
        float[] g = {3, 4, 0.1f, 0.2f, 0, -10};
        int clipped = DpSgd.clipRowsInPlace(g, 3, 2, 1.0);
        assertEquals(2, clipped);
        assertArrayEquals(new float[] {0.6f, 0.8f, 0.1f, 0.2f, 0, -1}, g, 1e-6f);
    }

    @Test
    void sumRowsMatchesNaiveLoop() {
        float[] g = {1, 2, 3, 4, 5, 6};
        float[] out = {99, 99};
        DpSgd.sumRows(g, 3, 2, out);
        assertArrayEquals(new float[] {9, 12}, out);
    }

    @Test
    void privateGradientIsClippedSumPlusNoiseOverBatch() {
        float[] g = {3, 4, 0.1f, 0.2f};
        float[] out = new float[2];
        int clipped = DpSgd.privateGradient(g, 2, 2, 1.0, 1.1, 4, new InsecureSeededNoise(2), out);
        InsecureSeededNoise same = new InsecureSeededNoise(2);
        float n0 = (float) (1.1 * same.nextGaussian());
        float n1 = (float) (1.1 * same.nextGaussian());
        assertEquals(1, clipped);
        assertArrayEquals(new float[] {(0.6f + 0.1f + n0) / 4, (0.8f + 0.2f + n1) / 4}, out, 1e-6f);
    }

    @Test
    void shapesAreChecked() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DpSgd.clipRowsInPlace(new float[5], 2, 3, 1));
        assertEquals("per-example gradients have 5 values, expected 2 x 3", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DpSgd.sumRows(new float[6], 2, 3, new float[2]));
        assertThrows(IllegalArgumentException.class,
                () -> DpSgd.privateGradient(new float[4], 2, 2, 1, 1, 0, new InsecureSeededNoise(1), new float[2]));
    }

    @Test
    void samplingRateAndStepsPerEpochAreWhatTheAccountantCharges() {
        assertEquals(32.0 / 600, DpSgd.samplingRate(600, 32), 0.0);
        assertEquals(19, DpSgd.stepsPerEpoch(600, 32)); // 18.75 rounds to 19
        assertEquals(1.0, DpSgd.samplingRate(10, 32), 0.0);
        assertEquals(1, DpSgd.stepsPerEpoch(10, 32));
        assertEquals(3, DpSgd.stepsPerEpoch(250, 100)); // 2.5 rounds up
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DpSgd.samplingRate(0, 32));
        assertTrue(e.getMessage().contains("0 and 32"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DpSgd.stepsPerEpoch(10, 0));
    }

    @Test
    void addClippedClipsInPlaceAndAccumulates() {
        float[] sum = {1, 1};
        float[] g = {3, 4};
        assertEquals(5.0, DpSgd.addClippedInPlace(g, 2.0, sum), 1e-12);
        assertArrayEquals(new float[] {1.2f, 1.6f}, g, 1e-6f);
        assertArrayEquals(new float[] {2.2f, 2.6f}, sum, 1e-6f);
        float[] small = {0.3f, 0.4f};
        assertEquals(0.5, DpSgd.addClippedInPlace(small, 2.0, sum), 1e-6);
        assertArrayEquals(new float[] {2.5f, 3.0f}, sum, 1e-6f);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DpSgd.addClippedInPlace(new float[3], 1.0, new float[2]));
        assertTrue(e.getMessage().contains("3") && e.getMessage().contains("2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DpSgd.addClippedInPlace(new float[] {Float.NaN, 0}, 1.0,
                new float[2]));
    }

    /** The noise of a step: (sum + N(0, (zC)^2)) / B, checked for mean, variance and shape with a secure source. */
    @Test
    void noiseAndAverageAddsGaussianOfStdZcThenDividesByTheExpectedBatch() {
        int n = 100_000;
        float[] sum = new float[n];
        java.util.Arrays.fill(sum, 8f);
        double z = 1.3;
        double c = 0.7;
        double b = 16;
        DpSgd.noiseAndAverageInPlace(sum, c, z, b, new SecureGaussianNoise());
        double[] standardised = new double[n];
        for (int i = 0; i < n; i++) {
            standardised[i] = (sum[i] - 8 / b) / (z * c / b);
        }
        GaussianChecks.assertStandardNormal(standardised, 5, 2.5);
        assertThrows(IllegalArgumentException.class, () -> DpSgd.noiseAndAverageInPlace(sum, c, z, 0,
                new InsecureSeededNoise(1)));
        assertThrows(IllegalArgumentException.class, () -> DpSgd.noiseAndAverageInPlace(sum, c, -1, b,
                new InsecureSeededNoise(1)));
    }
}
