package io.flotilla.nn;

import java.util.Arrays;

/**
 * Batch-wide im2col and col2im for {@link Conv2DLayer}: the column matrix has one row per (channel, ky, kx) and
 * one column per (example, output pixel), {@code [C*K*K, N*OH*OW]}, so that one GEMM with the
 * {@code [F, C*K*K]} weight covers the whole batch. Padding positions read as zero. Modifies only the output.
 */
final class ConvColumns {
    private ConvColumns() {
    }

    /** Fills {@code col} from {@code x} (NCHW, {@code batch} examples). */
    static void im2col(float[] x, int batch, int c, int h, int w, int k, int stride, int padTop, int padLeft,
                       int oh, int ow, float[] col) {
        int ohw = oh * ow;
        int width = batch * ohw;
        for (int ch = 0; ch < c; ch++) {
            for (int ky = 0; ky < k; ky++) {
                for (int kx = 0; kx < k; kx++) {
                    int rowBase = ((ch * k + ky) * k + kx) * width;
                    int oxStart = firstInside(padLeft - kx, stride);
                    int oxEnd = Math.min(ow, lastInside(w - 1 + padLeft - kx, stride) + 1);
                    for (int n = 0; n < batch; n++) {
                        int plane = (n * c + ch) * h * w;
                        int dstN = rowBase + n * ohw;
                        for (int oy = 0; oy < oh; oy++) {
                            int iy = oy * stride - padTop + ky;
                            int dst = dstN + oy * ow;
                            if (iy < 0 || iy >= h || oxStart >= oxEnd) {
                                Arrays.fill(col, dst, dst + ow, 0f);
                                continue;
                            }
                            Arrays.fill(col, dst, dst + oxStart, 0f);
                            int src = plane + iy * w - padLeft + kx;
                            if (stride == 1) {
                                System.arraycopy(x, src + oxStart, col, dst + oxStart, oxEnd - oxStart);
                            } else {
                                for (int ox = oxStart; ox < oxEnd; ox++) {
                                    col[dst + ox] = x[src + ox * stride];
                                }
                            }
                            Arrays.fill(col, dst + oxEnd, dst + ow, 0f);
                        }
                    }
                }
            }
        }
    }

    /** Overwrites {@code dx} (NCHW) with the sum of {@code col} entries over every window position they came from. */
    static void col2im(float[] col, int batch, int c, int h, int w, int k, int stride, int padTop, int padLeft,
                       int oh, int ow, float[] dx) {
        Arrays.fill(dx, 0, batch * c * h * w, 0f);
        int ohw = oh * ow;
        int width = batch * ohw;
        for (int ch = 0; ch < c; ch++) {
            for (int ky = 0; ky < k; ky++) {
                for (int kx = 0; kx < k; kx++) {
                    int rowBase = ((ch * k + ky) * k + kx) * width;
                    int oxStart = firstInside(padLeft - kx, stride);
                    int oxEnd = Math.min(ow, lastInside(w - 1 + padLeft - kx, stride) + 1);
                    for (int n = 0; n < batch; n++) {
                        int plane = (n * c + ch) * h * w;
                        int srcN = rowBase + n * ohw;
                        for (int oy = 0; oy < oh; oy++) {
                            int iy = oy * stride - padTop + ky;
                            if (iy < 0 || iy >= h) {
                                continue;
                            }
                            int src = srcN + oy * ow;
                            int dst = plane + iy * w - padLeft + kx;
                            for (int ox = oxStart; ox < oxEnd; ox++) {
                                dx[dst + ox * stride] += col[src + ox];
                            }
                        }
                    }
                }
            }
        }
    }

    /** Smallest {@code o >= 0} with {@code o * stride >= lo}. */
    private static int firstInside(int lo, int stride) {
        return lo <= 0 ? 0 : (lo + stride - 1) / stride;
    }

    /** Largest {@code o} with {@code o * stride <= hi}, or -1 when none. */
    private static int lastInside(int hi, int stride) {
        return hi < 0 ? -1 : hi / stride;
    }
}
