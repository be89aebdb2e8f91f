package io.flotilla.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Conv2DLayerTest {

    /** Direct convolution, the reference: out[n,f,y,x] = b[f] + sum W[f,c,i,j] * in[n,c,y*s-p+i,x*s-p+j]. */
    private static float[] naive(float[] in, int batch, int[] s, LayerSpec.Conv2D spec, float[] p, int wOff, int bOff,
                                 int padTop, int padLeft) {
        int[] o = spec.outputShape(s);
        int k = spec.kernel();
        float[] out = new float[batch * o[0] * o[1] * o[2]];
        for (int n = 0; n < batch; n++) {
            for (int f = 0; f < o[0]; f++) {
                for (int y = 0; y < o[1]; y++) {
                    for (int x = 0; x < o[2]; x++) {
                        double acc = p[bOff + f];
                        for (int c = 0; c < s[0]; c++) {
                            for (int i = 0; i < k; i++) {
                                for (int j = 0; j < k; j++) {
                                    int iy = y * spec.stride() - padTop + i;
                                    int ix = x * spec.stride() - padLeft + j;
                                    if (iy >= 0 && iy < s[1] && ix >= 0 && ix < s[2]) {
                                        acc += p[wOff + ((f * s[0] + c) * k + i) * k + j]
                                                * in[((n * s[0] + c) * s[1] + iy) * s[2] + ix];
                                    }
                                }
                            }
                        }
                        out[((n * o[0] + f) * o[1] + y) * o[2] + x] = (float) acc;
                    }
                }
            }
        }
        return out;
    }

    private static void forwardMatchesNaive(int[] shape, LayerSpec.Conv2D spec, int pad) {
        SplittableRandom rng = new SplittableRandom(shape[1] * 31 + spec.stride());
        int wSize = spec.filters() * shape[0] * spec.kernel() * spec.kernel();
        float[] params = GradientCheck.random(rng, wSize + spec.filters(), 1.0);
        int batch = 2;
        float[] x = GradientCheck.random(rng, 3 * LayerSpec.size(shape), 1.0);
        Conv2DLayer layer = new Conv2DLayer("conv1", shape, spec, 3, 0, wSize);
        layer.forward(x, batch, params, false, null);
        float[] want = naive(x, batch, shape, spec, params, 0, wSize, pad, pad);
        assertArrayEquals(want, java.util.Arrays.copyOf(layer.output, want.length), 1e-4f);
    }

    @Test
    void forwardMatchesDirectConvolutionValidSameAndStrided() {
        forwardMatchesNaive(new int[] {2, 6, 5}, new LayerSpec.Conv2D(3, 3, 1, Padding.VALID), 0);
        forwardMatchesNaive(new int[] {2, 6, 5}, new LayerSpec.Conv2D(3, 3, 1, Padding.SAME), 1);
        forwardMatchesNaive(new int[] {1, 7, 7}, new LayerSpec.Conv2D(2, 5, 1, Padding.SAME), 2);
        forwardMatchesNaive(new int[] {2, 7, 7}, new LayerSpec.Conv2D(2, 3, 2, Padding.VALID), 0);
        forwardMatchesNaive(new int[] {2, 7, 7}, new LayerSpec.Conv2D(2, 3, 2, Padding.SAME), 1);
    }

    @Test
    void knownAnswerOnePixelKernel() {
        // 1x1 kernel, 2 input channels, 1 filter: out = 2*c0 - c1 + 1.
        LayerSpec.Conv2D spec = new LayerSpec.Conv2D(1, 1, 1, Padding.VALID);
        Conv2DLayer layer = new Conv2DLayer("conv1", new int[] {2, 1, 2}, spec, 1, 0, 2);
        layer.forward(new float[] {1, 2, 3, 4}, 1, new float[] {2, -1, 1}, false, null);
        assertArrayEquals(new float[] {0, 1}, layer.output, 0f);
    }

    private static void backwardChecks(int[] shape, LayerSpec.Conv2D spec) {
        SplittableRandom rng = new SplittableRandom(7 + spec.kernel());
        int wSize = spec.filters() * shape[0] * spec.kernel() * spec.kernel();
        float[] params = GradientCheck.random(rng, 5 + wSize + spec.filters(), 0.5);
        Conv2DLayer layer = new Conv2DLayer("conv1", shape, spec, 3, 5, 5 + wSize);
        float[] x = GradientCheck.random(rng, 3 * LayerSpec.size(shape), 1.0);
        int n = GradientCheck.check(layer, x, 2, params, 5, params.length, 1e-2f, rng);
        assertEquals(2 * LayerSpec.size(shape) + wSize + spec.filters(), n);
    }

    @Test
    void backwardMatchesFiniteDifferencesValid() {
        backwardChecks(new int[] {2, 5, 6}, new LayerSpec.Conv2D(3, 3, 1, Padding.VALID));
    }

    @Test
    void backwardMatchesFiniteDifferencesSame() {
        backwardChecks(new int[] {2, 5, 5}, new LayerSpec.Conv2D(2, 3, 1, Padding.SAME));
        backwardChecks(new int[] {1, 6, 6}, new LayerSpec.Conv2D(2, 5, 1, Padding.SAME));
    }

    @Test
    void backwardMatchesFiniteDifferencesStrided() {
        backwardChecks(new int[] {2, 7, 6}, new LayerSpec.Conv2D(2, 3, 2, Padding.VALID));
        backwardChecks(new int[] {2, 6, 7}, new LayerSpec.Conv2D(2, 3, 2, Padding.SAME));
    }
}
