package io.flotilla.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MaxPool2DLayerTest {

    @Test
    void forwardTakesWindowMaxima() {
        float[] x = {
            1, 2, 5, 0,
            3, 4, 1, 1,
            0, -1, 7, 8,
            -2, -3, 9, 6,
        };
        MaxPool2DLayer layer = new MaxPool2DLayer("pool1", new int[] {1, 4, 4}, new int[] {1, 2, 2}, 2, 2, 1);
        layer.forward(x, 1, new float[0], false, null);
        assertArrayEquals(new float[] {4, 5, 0, 9}, layer.output, 0f);
        layer.backward(x, new float[] {10, 20, 30, 40}, 1, new float[0], new float[0], true);
        assertArrayEquals(new float[] {0, 0, 20, 0, 0, 10, 0, 0, 30, 0, 0, 0, 0, 0, 40, 0}, layer.gradInput, 0f);
    }

    /** Distinct values spaced well above the finite-difference step, so no window changes its winner. */
    private static float[] distinct(SplittableRandom rng, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = i * 0.1f;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            float t = x[i];
            x[i] = x[j];
            x[j] = t;
        }
        return x;
    }

    @Test
    void backwardMatchesFiniteDifferences() {
        SplittableRandom rng = new SplittableRandom(3);
        int[] in = {2, 5, 6};
        LayerSpec.MaxPool2D spec = new LayerSpec.MaxPool2D(2, 2);
        MaxPool2DLayer layer = new MaxPool2DLayer("pool1", in, spec.outputShape(in), 2, 2, 2);
        GradientCheck.check(layer, distinct(rng, 2 * 60), 2, new float[0], 0, 0, 1e-2f, rng);
    }

    @Test
    void unrolledTwoByTwoMatchesTheGeneralLoopIncludingTies() {
        SplittableRandom rng = new SplittableRandom(8);
        int[] in = {3, 7, 6};
        float[] x = new float[2 * 126];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextInt(4); // many ties
        }
        int[] out = new LayerSpec.MaxPool2D(2, 2).outputShape(in);
        MaxPool2DLayer fast = new MaxPool2DLayer("pool1", in, out, 2, 2, 2);
        fast.forward(x, 2, new float[0], false, null);
        // a 2-wide window with stride 2 written as the general loop: emulate by direct search
        int k = 0;
        for (int p = 0; p < 6; p++) {
            for (int y = 0; y < out[1]; y++) {
                for (int xx = 0; xx < out[2]; xx++, k++) {
                    int base = p * 42 + 2 * y * 6 + 2 * xx;
                    int[] cand = {base, base + 1, base + 6, base + 7};
                    int best = cand[0];
                    for (int c : cand) {
                        if (x[c] > x[best]) {
                            best = c;
                        }
                    }
                    org.junit.jupiter.api.Assertions.assertEquals(x[best], fast.output[k], 0f);
                    float[] g = new float[2 * 63];
                    g[k] = 1f;
                    fast.backward(x, g, 2, new float[0], new float[0], true);
                    org.junit.jupiter.api.Assertions.assertEquals(1f, fast.gradInput[best], 0f, "window " + k);
                }
            }
        }
    }

    @Test
    void overlappingWindowsAccumulateGradients() {
        SplittableRandom rng = new SplittableRandom(4);
        int[] in = {1, 5, 5};
        LayerSpec.MaxPool2D spec = new LayerSpec.MaxPool2D(3, 1);
        MaxPool2DLayer layer = new MaxPool2DLayer("pool1", in, spec.outputShape(in), 3, 1, 2);
        GradientCheck.check(layer, distinct(rng, 2 * 25), 2, new float[0], 0, 0, 1e-2f, rng);
    }
}
