package io.flotilla.nn.kernel;

import java.util.Arrays;

/**
 * The adjoint of {@link Im2Col}, for the backward pass of a convolution: folds a column-matrix gradient
 * {@code dCol = weights^T * dOut} back onto one NCHW input gradient, summing the contributions of overlapping
 * windows. Entries that {@link Im2Col} took from the padding are dropped.
 */
public final class Col2Im {
    private Col2Im() {
    }

    /**
     * Folds the {@code g.colRows() x g.colCols()} matrix at {@code col[colOff ..]} into the
     * {@code g.inputSize()} elements at {@code dx[dxOff ..]}: with {@code accumulate} adds to them, otherwise
     * overwrites them. Modifies only that window of {@code dx}.
     */
    public static void col2im(ConvGeometry g, float[] col, int colOff, float[] dx, int dxOff, boolean accumulate) {
        col2im(g, col, colOff, g.colCols(), dx, dxOff, accumulate);
    }

    /**
     * As {@link #col2im(ConvGeometry, float[], int, float[], int, boolean)}, reading rows of {@code col}
     * {@code ldCol} apart: one example's block of a batched column matrix (see {@link Im2Col}).
     */
    public static void col2im(ConvGeometry g, float[] col, int colOff, int ldCol, float[] dx, int dxOff,
                              boolean accumulate) {
        Im2Col.checkColumns(g, col, colOff, ldCol);
        Im2Col.checkWindow("input gradient", dx, dxOff, g.inputSize());
        if (!accumulate) {
            Arrays.fill(dx, dxOff, dxOff + g.inputSize(), 0f);
        }
        int h = g.height();
        int w = g.width();
        int outH = g.outHeight();
        int outW = g.outWidth();
        int sh = g.strideHeight();
        int sw = g.strideWidth();
        int row = colOff;
        for (int c = 0; c < g.channels(); c++) {
            int plane = dxOff + c * h * w;
            for (int ki = 0; ki < g.kernelHeight(); ki++) {
                for (int kj = 0; kj < g.kernelWidth(); kj++) {
                    int shift = kj - g.padLeft();
                    int owFrom = shift >= 0 ? 0 : (-shift + sw - 1) / sw;
                    int owTo = Math.min(outW, w - shift <= 0 ? 0 : (w - shift - 1) / sw + 1);
                    int src = row;
                    row += ldCol;
                    for (int oh = 0; oh < outH; oh++, src += outW) {
                        int ih = oh * sh - g.padTop() + ki;
                        if (ih < 0 || ih >= h) {
                            continue;
                        }
                        int dst = plane + ih * w + shift;
                        for (int ow = owFrom; ow < owTo; ow++) {
                            dx[dst + ow * sw] += col[src + ow];
                        }
                    }
                }
            }
        }
    }
}
