package io.flotilla.privacy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
}
