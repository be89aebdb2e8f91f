package io.flotilla.nn.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Random;

/**
 * One randomly filled GEMM problem laid out with offsets and padded leading dimensions, and its expected
 * result from {@link Gemm#reference}. Padding cells of C hold a sentinel so writes outside the window show up.
 */
final class GemmCase {
    static final float SENTINEL = -12345f;

    final boolean transA;
    final boolean transB;
    final int m;
    final int n;
    final int k;
    final float[] a;
    final int aOff;
    final int lda;
    final float[] b;
    final int bOff;
    final int ldb;
    final float[] c;
    final int cOff;
    final int ldc;
    final boolean accumulate;
    final float[] expected;

    GemmCase(Random rnd, boolean transA, boolean transB, int m, int n, int k, boolean padded, boolean accumulate) {
        this.transA = transA;
        this.transB = transB;
        this.m = m;
        this.n = n;
        this.k = k;
        this.accumulate = accumulate;
        int aRows = transA ? k : m;
        int aCols = transA ? m : k;
        int bRows = transB ? n : k;
        int bCols = transB ? k : n;
        aOff = padded ? 1 + rnd.nextInt(7) : 0;
        bOff = padded ? 1 + rnd.nextInt(7) : 0;
        cOff = padded ? 1 + rnd.nextInt(7) : 0;
        lda = Math.max(1, aCols) + (padded ? rnd.nextInt(5) : 0);
        ldb = Math.max(1, bCols) + (padded ? rnd.nextInt(5) : 0);
        ldc = Math.max(1, n) + (padded ? 1 + rnd.nextInt(5) : 0);
        a = filled(rnd, aOff + aRows * lda + 3);
        b = filled(rnd, bOff + bRows * ldb + 3);
        c = new float[cOff + m * ldc + 3];
        java.util.Arrays.fill(c, SENTINEL);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                c[cOff + i * ldc + j] = rnd.nextFloat() * 2f - 1f;
            }
        }
        expected = c.clone();
        Gemm.reference(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, expected, cOff, ldc, accumulate);
    }

    private static float[] filled(Random rnd, int size) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = rnd.nextFloat() * 2f - 1f;
        }
        return x;
    }

    /** Compares C with the reference: inside the window within a tolerance growing with k, outside exactly. */
    void assertMatchesReference(String how) {
        float tol = 1e-6f * (k + 8) * 4f;
        String what = how + " " + this;
        for (int idx = 0; idx < c.length; idx++) {
            int rel = idx - cOff;
            boolean inside = rel >= 0 && rel / ldc < m && rel % ldc < n;
            if (inside) {
                if (Math.abs(c[idx] - expected[idx]) > tol) {
                    fail(what + ": C(" + rel / ldc + "," + rel % ldc + ") = " + c[idx]
                            + " but the reference gives " + expected[idx] + " (tolerance " + tol + ")");
                }
            } else {
                assertEquals(SENTINEL, c[idx], 0f, what + ": wrote outside the C window at index " + idx);
            }
        }
    }

    @Override
    public String toString() {
        return "gemm(transA=" + transA + ", transB=" + transB + ", m=" + m + ", n=" + n + ", k=" + k
                + ", lda=" + lda + ", ldb=" + ldb + ", ldc=" + ldc + ", offsets=" + aOff + "/" + bOff + "/" + cOff
                + ", accumulate=" + accumulate + ")";
    }
}
