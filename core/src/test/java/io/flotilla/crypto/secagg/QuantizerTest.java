package io.flotilla.crypto.secagg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class QuantizerTest {
    private final SecAggConfig config = new SecAggConfig(2, 2, 0, 3, 1.0, 10, 256, 0.5, 0);

    @Test
    void encodesClippedWeightedFixedPointAndTheWeight() {
        int[] out = new int[4];
        assertEquals(1, Quantizer.encode(config, new float[] {0.5f, -2f, 0.001f}, 3, out));
        assertArrayEquals(new int[] {384, -768, 1, 3}, out);
        float[] sum = new float[3];
        assertEquals(3, Quantizer.decode(config, out, sum));
        assertArrayEquals(new float[] {1.5f, -3f, 1 / 256f}, sum);
    }

    @Test
    void badWeightsNaNAndSizesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Quantizer.encode(config, new float[3], 11, new int[4]));
        assertThrows(IllegalArgumentException.class,
                () -> Quantizer.encode(config, new float[] {Float.NaN, 0, 0}, 1, new int[4]));
        assertThrows(IllegalArgumentException.class, () -> Quantizer.encode(config, new float[2], 1, new int[3]));
    }
}
