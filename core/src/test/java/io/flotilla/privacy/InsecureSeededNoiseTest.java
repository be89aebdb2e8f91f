package io.flotilla.privacy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class InsecureSeededNoiseTest {

    @Test
    void samplesAreStandardNormalByMomentsAndKolmogorovSmirnov() {
        double[] x = GaussianChecks.draw(new InsecureSeededNoise(20261128L), 200_000);
        // fixed seed: deterministic, so the 1% critical value is safe to use
        GaussianChecks.assertStandardNormal(x, 4, 1.63);
    }

    @Test
    void sameSeedSameNoiseDifferentSeedDifferentNoise() {
        double[] a = GaussianChecks.draw(new InsecureSeededNoise(42), 100);
        double[] b = GaussianChecks.draw(new InsecureSeededNoise(42), 100);
        double[] c = GaussianChecks.draw(new InsecureSeededNoise(43), 100);
        assertArrayEquals(a, b);
        assertFalse(Arrays.equals(a, c));
    }
}
