package io.flotilla.nn.kernel;

import java.util.Arrays;

/**
 * Single-precision matrix multiplication over row-major {@code float[]} slices:
 * {@code C = op(A) * op(B)} or, with {@code accumulate}, {@code C += op(A) * op(B)}, where {@code op(A)} is
 * m x k and {@code op(B)} is k x n. Modifies only the m x n window of {@code c}; the C window must not overlap
 * the A or B windows.
 *
 * <p>Storage: without {@code transA}, A(i, p) is {@code a[aOff + i * lda + p]} (lda &ge; k); with it, A is
 * stored k x m and A(i, p) is {@code a[aOff + p * lda + i]} (lda &ge; m). Likewise for B (ldb &ge; n, or
 * &ge; k when transposed) and C (ldc &ge; n). Arguments are checked once, with both sizes in the message.
 *
 * <p>The work is cache-blocked with packed panels in reusable per-thread buffers (no allocation once a thread
 * has seen its largest shape), runs a register-blocked micro-kernel on the JDK Vector API when the
 * {@code jdk.incubator.vector} module is present (a scalar kernel otherwise), and splits problems of at least
 * {@link #PARALLEL_MIN_MACS} multiply-adds across all cores; smaller ones stay on the calling thread.
 */
public final class Gemm {
    /** Below this many multiply-adds (m * n * k), waking other threads costs more than it saves. */
    public static final long PARALLEL_MIN_MACS = 1L << 21;

    private Gemm() {
    }

    /**
     * {@code C = op(A) op(B)}, or {@code C += op(A) op(B)} with {@code accumulate}; see the class comment for
     * the storage conventions. Modifies only the m x n window of {@code c}.
     *
     * @throws IllegalArgumentException if a dimension or offset is negative, a leading dimension is shorter
     *     than the stored row, or a matrix does not fit in its array
     */
    public static void sgemm(boolean transA, boolean transB, int m, int n, int k,
                             float[] a, int aOff, int lda,
                             float[] b, int bOff, int ldb,
                             float[] c, int cOff, int ldc,
                             boolean accumulate) {
        check(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            if (!accumulate) {
                for (int i = 0; i < m; i++) {
                    int row = cOff + i * ldc;
                    Arrays.fill(c, row, row + n, 0f);
                }
            }
            return;
        }
        GemmKernel kernel = GemmKernels.best();
        if ((long) m * n * k >= PARALLEL_MIN_MACS && Math.max(m, n) >= 2 * kernel.nr()) {
            GemmThreads team = Team.INSTANCE;
            if (team != null && team.tryMultiply(kernel, transA, transB, m, n, k,
                    a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate)) {
                return;
            }
        }
        BlockedGemm.multiply(kernel, GemmWorkspace.current(), transA, transB, m, n, k,
                a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
    }

    /** Name of the micro-kernel in use, e.g. {@code "vector-512-8x32"} or {@code "scalar-4x4"}. */
    public static String kernelName() {
        return GemmKernels.best().name();
    }

    /** Number of threads a large GEMM is split across (1 on a single-core machine). */
    public static int parallelism() {
        return Team.INSTANCE == null ? 1 : Team.INSTANCE.parts();
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

    private static void check(boolean transA, boolean transB, int m, int n, int k,
                              float[] a, int aOff, int lda,
                              float[] b, int bOff, int ldb,
                              float[] c, int cOff, int ldc) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("negative dimension: m=" + m + ", n=" + n + ", k=" + k);
        }
        checkMatrix("A", a, aOff, lda, transA ? k : m, transA ? m : k);
        checkMatrix("B", b, bOff, ldb, transB ? n : k, transB ? k : n);
        checkMatrix("C", c, cOff, ldc, m, n);
    }

    /** Checks that a stored rows x cols matrix with leading dimension ld fits in the array. */
    private static void checkMatrix(String name, float[] x, int off, int ld, int rows, int cols) {
        if (x == null) {
            throw new NullPointerException(name + " is null");
        }
        if (off < 0) {
            throw new IllegalArgumentException(name + " offset " + off + " is negative");
        }
        if (ld < Math.max(1, cols)) {
            throw new IllegalArgumentException("leading dimension of " + name + " is " + ld
                    + " but its stored rows have " + cols + " columns");
        }
        if (rows == 0 || cols == 0) {
            return;
        }
        long end = off + (long) (rows - 1) * ld + cols;
        if (end > x.length) {
            throw new IllegalArgumentException(name + " is " + rows + " x " + cols + " with leading dimension " + ld
                    + " at offset " + off + ", which needs " + end + " elements, but the array has " + x.length);
        }
    }

    /** The worker team, created on the first large GEMM; null on a single-core machine. */
    private static final class Team {
        static final GemmThreads INSTANCE = create();

        private static GemmThreads create() {
            int cores = Math.min(Runtime.getRuntime().availableProcessors(), 8);
            return cores > 1 ? new GemmThreads(cores - 1) : null;
        }
    }
}
