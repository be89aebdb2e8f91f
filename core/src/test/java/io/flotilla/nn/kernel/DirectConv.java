package io.flotilla.nn.kernel;

/** Naive direct convolution of one NCHW example and its gradients, written from the definition for tests. */
final class DirectConv {
    private DirectConv() {
    }

    /** Input value at (c, ih, iw), zero outside the image. */
    private static float at(ConvGeometry g, float[] x, int c, int ih, int iw) {
        if (ih < 0 || ih >= g.height() || iw < 0 || iw >= g.width()) {
            return 0f;
        }
        return x[(c * g.height() + ih) * g.width() + iw];
    }

    private static int wIndex(ConvGeometry g, int oc, int c, int ki, int kj) {
        return ((oc * g.channels() + c) * g.kernelHeight() + ki) * g.kernelWidth() + kj;
    }

    /** out[oc][oh][ow] = sum over c, ki, kj of w[oc][c][ki][kj] * x[c][oh*sh - padTop + ki][ow*sw - padLeft + kj]. */
    static float[] forward(ConvGeometry g, int outChannels, float[] x, float[] w) {
        float[] out = new float[outChannels * g.colCols()];
        for (int oc = 0; oc < outChannels; oc++) {
            for (int oh = 0; oh < g.outHeight(); oh++) {
                for (int ow = 0; ow < g.outWidth(); ow++) {
                    double s = 0;
                    for (int c = 0; c < g.channels(); c++) {
                        for (int ki = 0; ki < g.kernelHeight(); ki++) {
                            for (int kj = 0; kj < g.kernelWidth(); kj++) {
                                s += w[wIndex(g, oc, c, ki, kj)] * at(g, x, c, oh * g.strideHeight() - g.padTop() + ki,
                                        ow * g.strideWidth() - g.padLeft() + kj);
                            }
                        }
                    }
                    out[(oc * g.outHeight() + oh) * g.outWidth() + ow] = (float) s;
                }
            }
        }
        return out;
    }

    /** dL/dx for dL/dout = dOut: each output position sends dOut * w back to the inputs its window covered. */
    static float[] inputGradient(ConvGeometry g, int outChannels, float[] dOut, float[] w) {
        double[] dx = new double[g.inputSize()];
        for (int oc = 0; oc < outChannels; oc++) {
            for (int oh = 0; oh < g.outHeight(); oh++) {
                for (int ow = 0; ow < g.outWidth(); ow++) {
                    float d = dOut[(oc * g.outHeight() + oh) * g.outWidth() + ow];
                    for (int c = 0; c < g.channels(); c++) {
                        for (int ki = 0; ki < g.kernelHeight(); ki++) {
                            for (int kj = 0; kj < g.kernelWidth(); kj++) {
                                int ih = oh * g.strideHeight() - g.padTop() + ki;
                                int iw = ow * g.strideWidth() - g.padLeft() + kj;
                                if (ih >= 0 && ih < g.height() && iw >= 0 && iw < g.width()) {
                                    dx[(c * g.height() + ih) * g.width() + iw] += d * w[wIndex(g, oc, c, ki, kj)];
                                }
                            }
                        }
                    }
                }
            }
        }
        float[] out = new float[dx.length];
        for (int i = 0; i < dx.length; i++) {
            out[i] = (float) dx[i];
        }
        return out;
    }

    /** dL/dw for dL/dout = dOut. */
    static float[] weightGradient(ConvGeometry g, int outChannels, float[] dOut, float[] x) {
        float[] dw = new float[outChannels * g.colRows()];
        for (int oc = 0; oc < outChannels; oc++) {
            for (int c = 0; c < g.channels(); c++) {
                for (int ki = 0; ki < g.kernelHeight(); ki++) {
                    for (int kj = 0; kj < g.kernelWidth(); kj++) {
                        double s = 0;
                        for (int oh = 0; oh < g.outHeight(); oh++) {
                            for (int ow = 0; ow < g.outWidth(); ow++) {
                                s += dOut[(oc * g.outHeight() + oh) * g.outWidth() + ow]
                                        * at(g, x, c, oh * g.strideHeight() - g.padTop() + ki,
                                        ow * g.strideWidth() - g.padLeft() + kj);
                            }
                        }
                        dw[wIndex(g, oc, c, ki, kj)] = (float) s;
                    }
                }
            }
        }
        return dw;
    }

    /** Geometries worth testing: valid and same, strides 1-3, square and rectangular kernels, odd sizes. */
    static ConvGeometry[] geometries() {
        return new ConvGeometry[] {
            ConvGeometry.valid(1, 5, 5, 3, 3, 1, 1),
            ConvGeometry.valid(2, 7, 6, 3, 2, 2, 1),
            ConvGeometry.valid(3, 9, 11, 4, 3, 3, 2),
            ConvGeometry.same(1, 5, 5, 3, 3, 1, 1),
            ConvGeometry.same(2, 8, 7, 5, 5, 1, 1),
            ConvGeometry.same(3, 9, 10, 4, 2, 2, 2),
            ConvGeometry.same(2, 6, 6, 1, 1, 2, 3),
            ConvGeometry.same(1, 4, 3, 5, 5, 1, 1),
            new ConvGeometry(2, 6, 5, 3, 3, 2, 2, 1, 2, 3, 3),
        };
    }

    static float[] random(java.util.Random rnd, int size) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = rnd.nextFloat() * 2f - 1f;
        }
        return x;
    }

    static void assertClose(float[] expected, float[] actual, int actualOff, String what) {
        for (int i = 0; i < expected.length; i++) {
            float e = expected[i];
            float a = actual[actualOff + i];
            if (Math.abs(e - a) > 1e-4f * (1 + Math.abs(e))) {
                throw new AssertionError(what + ": element " + i + " is " + a + ", expected " + e);
            }
        }
    }
}
