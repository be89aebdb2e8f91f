package io.flotilla.pruning.compression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StochasticQuantizerTest {

    @Test
    void decodedValuesAreUnbiased() {
        float[] x = {-1f, -0.3337f, 0.001f, 0.25f, 0.7071f, 2f};
        float min = -1f;
        float max = 2f;
        double scale = 3.0 / 255;
        int trials = 20_000;
        double[] sum = new double[x.length];
        byte[] codes = new byte[x.length];
        float[] out = new float[x.length];
        SplittableRandom rng = new SplittableRandom(2024);
        for (int t = 0; t < trials; t++) {
            StochasticQuantizer.quantize(x, 0, x.length, min, max, rng, codes, 0);
            StochasticQuantizer.dequantize(codes, 0, x.length, min, max, out, 0);
            for (int i = 0; i < x.length; i++) {
                sum[i] += out[i];
                assertTrue(Math.abs(out[i] - x[i]) <= scale + 1e-6, "one level at most");
            }
        }
        // each decode is x +- at most one level with mean x: the mean of N has sd <= scale / (2 sqrt N)
        double tolerance = 5 * scale / (2 * Math.sqrt(trials));
        for (int i = 0; i < x.length; i++) {
            assertEquals(x[i], sum[i] / trials, tolerance, "value " + x[i]);
        }
    }

    @Test
    void rangeEndsAndConstantSegmentsDecodeExactly() {
        float[] x = {-1f, 2f};
        byte[] codes = new byte[2];
        float[] out = new float[2];
        StochasticQuantizer.quantize(x, 0, 2, -1f, 2f, new SplittableRandom(1), codes, 0);
        assertEquals(0, codes[0] & 0xFF);
        assertEquals(255, codes[1] & 0xFF);
        StochasticQuantizer.dequantize(codes, 0, 2, -1f, 2f, out, 0);
        assertEquals(-1f, out[0]);
        assertEquals(2f, out[1]);
        float[] c = {0.5f, 0.5f};
        StochasticQuantizer.quantize(c, 0, 2, 0.5f, 0.5f, new SplittableRandom(1), codes, 0);
        StochasticQuantizer.dequantize(codes, 0, 2, 0.5f, 0.5f, out, 0);
        assertEquals(0.5f, out[0]);
        assertEquals(0.5f, out[1]);
    }

    @Test
    void sameSeedGivesSameCodes() {
        float[] x = new float[100];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Math.sin(i);
        }
        byte[] a = new byte[100];
        byte[] b = new byte[100];
        StochasticQuantizer.quantize(x, 0, 100, -1f, 1f, new SplittableRandom(9), a, 0);
        StochasticQuantizer.quantize(x, 0, 100, -1f, 1f, new SplittableRandom(9), b, 0);
        assertEquals(java.util.Arrays.toString(a), java.util.Arrays.toString(b));
    }
}
