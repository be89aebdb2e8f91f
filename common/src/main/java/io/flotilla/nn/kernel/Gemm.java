package io.flotilla.nn.kernel;

/**
 * Single-precision matrix multiplication over row-major {@code float[]} slices:
 * {@code C = op(A) * op(B)} or, with {@code accumulate}, {@code C += op(A) * op(B)}, where {@code op(A)} is
 * m x k and {@code op(B)} is k x n. Modifies only {@code c}.
 *
 * <p>The entry point every layer uses. This version is the plain reference loop; the blocked, vectorised and
 * multi-threaded kernel replaces its body and is tested against {@link #reference}.
 */
public final class Gemm {
    private Gemm() {
    }

    public static void sgemm(boolean transA, boolean transB, int m, int n, int k,
                             float[] a, int aOff, int lda,
                             float[] b, int bOff, int ldb,
                             float[] c, int cOff, int ldc,
                             boolean accumulate) {
        reference(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
    }

    /** The naive triple loop, kept as the reference that faster kernels are tested against. */
    public static void reference(boolean transA, boolean transB, int m, int n, int k,
                                 float[] a, int aOff, int lda,
                                 float[] b, int bOff, int ldb,
                                 float[] c, int cOff, int ldc,
                                 boolean accumulate) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float s = 0f;
                for (int p = 0; p < k; p++) {
                    float av = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                    float bv = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                    s += av * bv;
                }
                int ci = cOff + i * ldc + j;
                c[ci] = accumulate ? c[ci] + s : s;
            }
        }
    }
}
