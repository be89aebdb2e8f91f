package io.flotilla.nn.kernel;

/**
 * Copies blocks of A and B into the panel layouts {@link GemmKernel} reads, zero-padding partial panels.
 * Handles the transposed storage orders here, so the kernels see one layout.
 */
final class GemmPacking {
    private GemmPacking() {
    }

    /**
     * Packs rows {@code [i0, i0 + mc)} and depth {@code [p0, p0 + kc)} of op(A) into {@code ap} as consecutive
     * {@code mr x kc} panels; rows past {@code mc} in the last panel are zero.
     */
    static void packA(boolean transA, float[] a, int aOff, int lda, int i0, int mc, int p0, int kc,
                      int mr, float[] ap) {
        int dst = 0;
        for (int ir = 0; ir < mc; ir += mr) {
            int rows = Math.min(mr, mc - ir);
            if (transA) {
                // op(A)(i, p) = a[p * lda + i]: each depth step copies `rows` adjacent values.
                for (int p = 0; p < kc; p++) {
                    int src = aOff + (p0 + p) * lda + i0 + ir;
                    System.arraycopy(a, src, ap, dst, rows);
                    for (int r = rows; r < mr; r++) {
                        ap[dst + r] = 0f;
                    }
                    dst += mr;
                }
            } else {
                for (int r = 0; r < rows; r++) {
                    int src = aOff + (i0 + ir + r) * lda + p0;
                    int d = dst + r;
                    for (int p = 0; p < kc; p++, d += mr) {
                        ap[d] = a[src + p];
                    }
                }
                for (int r = rows; r < mr; r++) {
                    int d = dst + r;
                    for (int p = 0; p < kc; p++, d += mr) {
                        ap[d] = 0f;
                    }
                }
                dst += mr * kc;
            }
        }
    }

    /**
     * Packs depth {@code [p0, p0 + kc)} and columns {@code [j0, j0 + nc)} of op(B) into {@code bp} as
     * consecutive {@code kc x nr} panels; columns past {@code nc} in the last panel are zero.
     */
    static void packB(boolean transB, float[] b, int bOff, int ldb, int p0, int kc, int j0, int nc,
                      int nr, float[] bp) {
        int dst = 0;
        for (int jr = 0; jr < nc; jr += nr) {
            int cols = Math.min(nr, nc - jr);
            if (transB) {
                // op(B)(p, j) = b[j * ldb + p]: walk each source row contiguously, scatter with stride nr.
                for (int j = 0; j < cols; j++) {
                    int src = bOff + (j0 + jr + j) * ldb + p0;
                    int d = dst + j;
                    for (int p = 0; p < kc; p++, d += nr) {
                        bp[d] = b[src + p];
                    }
                }
                for (int j = cols; j < nr; j++) {
                    int d = dst + j;
                    for (int p = 0; p < kc; p++, d += nr) {
                        bp[d] = 0f;
                    }
                }
                dst += nr * kc;
            } else {
                for (int p = 0; p < kc; p++) {
                    int src = bOff + (p0 + p) * ldb + j0 + jr;
                    System.arraycopy(b, src, bp, dst, cols);
                    for (int j = cols; j < nr; j++) {
                        bp[dst + j] = 0f;
                    }
                    dst += nr;
                }
            }
        }
    }
}
