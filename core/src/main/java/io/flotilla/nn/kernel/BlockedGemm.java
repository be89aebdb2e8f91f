package io.flotilla.nn.kernel;

/**
 * The single-threaded cache-blocked GEMM: the classic five loops around a micro-kernel. For each block of
 * columns (nc) and depth (kc) it packs B once, then for each block of rows (mc) packs A and sweeps the kernel
 * over the block, so a packed B micro-panel stays in L1 while A panels stream from L2. Arguments are trusted:
 * {@link Gemm} has validated them.
 */
final class BlockedGemm {
    /** Depth of a block: a kc x nr panel of B (32 KiB at kc 256, nr 32) is meant to sit in L1. */
    static final int KC = 256;
    /** Rows of a block: an mc x kc block of A (144 KiB) is meant to sit in L2. */
    static final int MC = 144;
    /** Columns of a block: the packed kc x nc block of B (up to 4 MiB) is meant to sit in L3. */
    static final int NC = 4096;

    private BlockedGemm() {
    }

    static void multiply(GemmKernel kernel, GemmWorkspace ws,
                         boolean transA, boolean transB, int m, int n, int k,
                         float[] a, int aOff, int lda,
                         float[] b, int bOff, int ldb,
                         float[] c, int cOff, int ldc,
                         boolean accumulate) {
        int mr = kernel.mr();
        int nr = kernel.nr();
        // Even block sizes: k = 300 becomes two blocks of 150, not 256 + 44.
        int kcBlock = evenBlock(k, KC, 1);
        int mcBlock = evenBlock(m, Math.max(mr, MC / mr * mr), mr);
        int ncBlock = evenBlock(n, Math.max(nr, NC / nr * nr), nr);
        float[] ap = ws.packedA(mcBlock * kcBlock);
        float[] bp = ws.packedB(ncBlock * kcBlock);
        float[] tile = ws.tile(mr * nr);
        for (int jc = 0; jc < n; jc += ncBlock) {
            int nc = Math.min(ncBlock, n - jc);
            for (int pc = 0; pc < k; pc += kcBlock) {
                int kc = Math.min(kcBlock, k - pc);
                boolean overwrite = pc == 0 && !accumulate;
                GemmPacking.packB(transB, b, bOff, ldb, pc, kc, jc, nc, nr, bp);
                for (int ic = 0; ic < m; ic += mcBlock) {
                    int mc = Math.min(mcBlock, m - ic);
                    GemmPacking.packA(transA, a, aOff, lda, ic, mc, pc, kc, mr, ap);
                    sweep(kernel, kc, mc, nc, ap, bp, tile, c, cOff + ic * ldc + jc, ldc, overwrite);
                }
            }
        }
    }

    /** Runs the kernel over every tile of one mc x nc block of C. */
    private static void sweep(GemmKernel kernel, int kc, int mc, int nc, float[] ap, float[] bp, float[] tile,
                              float[] c, int cBase, int ldc, boolean overwrite) {
        int mr = kernel.mr();
        int nr = kernel.nr();
        for (int jr = 0; jr < nc; jr += nr) {
            int cols = Math.min(nr, nc - jr);
            int bpOff = jr * kc;
            for (int ir = 0; ir < mc; ir += mr) {
                int rows = Math.min(mr, mc - ir);
                int apOff = ir * kc;
                int ci = cBase + ir * ldc + jr;
                if (rows == mr && cols == nr) {
                    kernel.multiply(kc, ap, apOff, bp, bpOff, c, ci, ldc, overwrite);
                } else {
                    // Partial tile: compute the padded tile aside, then copy only the part inside C.
                    kernel.multiply(kc, ap, apOff, bp, bpOff, tile, 0, nr, true);
                    for (int r = 0; r < rows; r++) {
                        int t = r * nr;
                        int cr = ci + r * ldc;
                        if (overwrite) {
                            System.arraycopy(tile, t, c, cr, cols);
                        } else {
                            for (int j = 0; j < cols; j++) {
                                c[cr + j] += tile[t + j];
                            }
                        }
                    }
                }
            }
        }
    }

    /** Splits {@code size} into the fewest blocks of at most {@code max}, evened out and rounded up to {@code unit}. */
    static int evenBlock(int size, int max, int unit) {
        if (size <= 0) {
            return unit;
        }
        int blocks = (size + max - 1) / max;
        int block = (size + blocks - 1) / blocks;
        return (block + unit - 1) / unit * unit;
    }
}
