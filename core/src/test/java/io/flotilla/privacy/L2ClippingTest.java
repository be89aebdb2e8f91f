package io.flotilla.privacy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class L2ClippingTest {

    @Test
    void clipsA345VectorToNormOne() {
        float[] v = {3, 4};
        double pre = L2Clipping.clipInPlace(v, 1.0);
        assertEquals(5.0, pre, 0.0);
        assertArrayEquals(new float[] {0.6f, 0.8f}, v, 1e-7f);
        assertEquals(1.0, L2Clipping.norm(v), 1e-7);
    }

    @Test
    void leavesVectorsWithinTheBoundUntouched() {
        float[] v = {0.3f, -0.4f};
        double pre = L2Clipping.clipInPlace(v, 0.5);
        assertEquals(0.5, pre, 1e-7);
        assertArrayEquals(new float[] {0.3f, -0.4f}, v);
    }

    @Test
    void clipsOnlyTheSlice() {
        float[] v = {9, 3, 4, 9};
        double pre = L2Clipping.clipInPlace(v, 1, 2, 2.5);
        assertEquals(5.0, pre, 0.0);
        assertArrayEquals(new float[] {9, 1.5f, 2f, 9}, v, 1e-6f);
    }

    @Test
    void normOfManySmallValuesIsAccurate() {
        float[] v = new float[1_000_000];
        java.util.Arrays.fill(v, 1e-3f);
        assertEquals(Math.sqrt(1_000_000) * 1e-3f, L2Clipping.norm(v), 1e-9);
    }

    @Test
    void clipFactor() {
        assertEquals(0.2, L2Clipping.clipFactor(5, 1), 1e-15);
        assertEquals(1.0, L2Clipping.clipFactor(0.5, 1));
    }

    @Test
    void badInputIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> L2Clipping.clipInPlace(new float[] {1}, 0));
        assertThrows(IllegalArgumentException.class, () -> L2Clipping.clipInPlace(new float[] {1}, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> L2Clipping.clipInPlace(new float[] {Float.NaN}, 1));
        assertThrows(IllegalArgumentException.class, () -> L2Clipping.norm(new float[3], 2, 2));
        assertThrows(IllegalArgumentException.class, () -> L2Clipping.norm(new float[3], -1, 1));
    }
}
