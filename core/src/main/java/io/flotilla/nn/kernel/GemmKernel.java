package io.flotilla.nn.kernel;

/**
 * A register-blocked micro-kernel: multiplies one packed {@code mr() x kc} panel of A by one packed
 * {@code kc x nr()} panel of B into an {@code mr() x nr()} tile of a row-major C.
 *
 * <p>Packed layouts (written by {@link GemmPacking}): A holds, for each depth step {@code p}, the {@code mr()}
 * values of column {@code p} contiguously; B holds, for each {@code p}, the {@code nr()} values of row {@code p}
 * contiguously. Padding rows and columns are zero, so the kernel always computes a full tile; the caller routes
 * partial tiles through a scratch tile. Implementations are stateless and thread-safe.
 */
interface GemmKernel {
    /** Rows of the tile. */
    int mr();

    /** Columns of the tile. */
    int nr();

    /**
     * Computes the tile product; with {@code overwrite} stores it into C, otherwise adds it to C.
     * Modifies only {@code c[cOff + r * ldc + j]} for {@code r < mr(), j < nr()}.
     */
    void multiply(int kc, float[] ap, int apOff, float[] bp, int bpOff,
                  float[] c, int cOff, int ldc, boolean overwrite);

    /** A short name for logs and benchmarks, such as {@code "vector-512x8x32"}. */
    String name();
}
