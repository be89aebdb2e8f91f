package io.flotilla.nn.kernel;

import java.util.Arrays;

/**
 * Unfolds one NCHW example into the column matrix of a convolution, so that the convolution becomes one GEMM:
 * {@code out[outC x P] = weights[outC x colRows] * col[colRows x P]}, with P = outHeight * outWidth and the output
 * already in NCHW order. Row {@code (c * kh + i) * kw + j} of {@code col} holds input channel c shifted by kernel
 * offset (i, j) at every output position; positions that fall into the padding are zero.
 */
public final class Im2Col {
    private Im2Col() {
    }

    /**
     * Writes the {@code g.colRows() x g.colCols()} column matrix of {@code x[xOff ..]} row-major into
     * {@code col[colOff ..]}. Modifies only that window of {@code col}.
     */
    public static void im2col(ConvGeometry g, float[] x, int xOff, float[] col, int colOff) {
        im2col(g, x, xOff, col, colOff, g.colCols());
    }

    /**
     * As {@link #im2col(ConvGeometry, float[], int, float[], int)}, with rows of {@code col} {@code ldCol} apart,
     * so that the column matrices of a batch can sit side by side in one {@code colRows x (batch * colCols)}
     * matrix (example e at {@code colOff + e * colCols}, {@code ldCol = batch * colCols}) for a single GEMM.
     */
    public static void im2col(ConvGeometry g, float[] x, int xOff, float[] col, int colOff, int ldCol) {
        checkWindow("input", x, xOff, g.inputSize());
        checkColumns(g, col, colOff, ldCol);
        int h = g.height();
        int w = g.width();
        int outH = g.outHeight();
        int outW = g.outWidth();
        int sh = g.strideHeight();
        int sw = g.strideWidth();
        int row = colOff;
        for (int c = 0; c < g.channels(); c++) {
            int plane = xOff + c * h * w;
            for (int ki = 0; ki < g.kernelHeight(); ki++) {
                for (int kj = 0; kj < g.kernelWidth(); kj++) {
                    int shift = kj - g.padLeft();
                    // Output columns whose input column iw = ow * sw + shift lies in [0, w).
                    int owFrom = shift >= 0 ? 0 : (-shift + sw - 1) / sw;
                    int owTo = Math.min(outW, w - shift <= 0 ? 0 : (w - shift - 1) / sw + 1);
                    owTo = Math.max(owTo, owFrom);
                    int dst = row;
                    row += ldCol;
                    for (int oh = 0; oh < outH; oh++, dst += outW) {
                        int ih = oh * sh - g.padTop() + ki;
                        if (ih < 0 || ih >= h) {
                            Arrays.fill(col, dst, dst + outW, 0f);
                            continue;
                        }
                        int src = plane + ih * w + shift;
                        Arrays.fill(col, dst, dst + owFrom, 0f);
                        if (sw == 1) {
                            System.arraycopy(x, src + owFrom, col, dst + owFrom, owTo - owFrom);
                        } else {
                            for (int ow = owFrom; ow < owTo; ow++) {
                                col[dst + ow] = x[src + ow * sw];
                            }
                        }
                        Arrays.fill(col, dst + owTo, dst + outW, 0f);
                    }
                }
            }
        }
    }

    static void checkColumns(ConvGeometry g, float[] col, int colOff, int ldCol) {
        if (ldCol < g.colCols()) {
            throw new IllegalArgumentException("leading dimension " + ldCol
                    + " of the column matrix is shorter than its " + g.colCols() + " columns");
        }
        checkWindow("column buffer", col, colOff, (long) (g.colRows() - 1) * ldCol + g.colCols());
    }

    static void checkWindow(String name, float[] array, int off, long size) {
        if (array == null) {
            throw new NullPointerException(name + " is null");
        }
        if (off < 0 || off + size > array.length) {
            throw new IllegalArgumentException(name + " needs " + size + " elements at offset " + off
                    + " but the array has " + array.length);
        }
    }
}
