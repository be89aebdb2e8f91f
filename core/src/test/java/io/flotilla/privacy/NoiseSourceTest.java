package io.flotilla.privacy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class NoiseSourceTest {

    @Test
    void addGaussianAddsStdTimesSuccessiveSamples() {
        double[] v = {1, 2, 3};
        new InsecureSeededNoise(3).addGaussianInPlace(v, 0.5);
        InsecureSeededNoise same = new InsecureSeededNoise(3);
        double[] expected = {1 + 0.5 * same.nextGaussian(), 2 + 0.5 * same.nextGaussian(),
            3 + 0.5 * same.nextGaussian()};
        assertArrayEquals(expected, v, 0.0);
    }

    @Test
    void zeroStdLeavesValuesUnchangedAndBadStdIsRejected() {
        float[] v = {1, 2};
        new InsecureSeededNoise(3).addGaussianInPlace(v, 0.0);
        assertArrayEquals(new float[] {1, 2}, v);
        assertThrows(IllegalArgumentException.class,
                () -> new InsecureSeededNoise(3).addGaussianInPlace(new double[1], Double.POSITIVE_INFINITY));
    }
}
