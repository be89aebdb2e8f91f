package io.flotilla.nn.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class GemmTest {
    private static final int[] ODD_SIZES = {1, 3, 17, 63, 65, 129};

    private static void run(GemmCase t) {
        Gemm.sgemm(t.transA, t.transB, t.m, t.n, t.k, t.a, t.aOff, t.lda, t.b, t.bOff, t.ldb,
                t.c, t.cOff, t.ldc, t.accumulate);
        t.assertMatchesReference("Gemm.sgemm");
    }

    @Test
    void multipliesASmallKnownCase() {
        float[] a = {1, 2, 3, 4, 5, 6};          // 2 x 3
        float[] b = {7, 8, 9, 10, 11, 12};       // 3 x 2
        float[] c = new float[4];
        Gemm.sgemm(false, false, 2, 2, 3, a, 0, 3, b, 0, 2, c, 0, 2, false);
        assertArrayEquals(new float[] {58, 64, 139, 154}, c, 0f);
        Gemm.sgemm(false, false, 2, 2, 3, a, 0, 3, b, 0, 2, c, 0, 2, true);
        assertArrayEquals(new float[] {116, 128, 278, 308}, c, 0f);
        // A^T B^T with A stored 3 x 2 and B stored 2 x 3: the same product as above, transposed storage.
        float[] at = {1, 4, 2, 5, 3, 6};
        float[] bt = {7, 9, 11, 8, 10, 12};
        Gemm.sgemm(true, true, 2, 2, 3, at, 0, 2, bt, 0, 3, c, 0, 2, false);
        assertArrayEquals(new float[] {58, 64, 139, 154}, c, 0f);
    }

    @Test
    void matchesReferenceForAllTransposesOddSizesOffsetsAndPaddedLeadingDimensions() {
        Random rnd = new Random(20261128);
        for (boolean transA : new boolean[] {false, true}) {
            for (boolean transB : new boolean[] {false, true}) {
                for (int m : ODD_SIZES) {
                    for (int n : ODD_SIZES) {
                        int k = ODD_SIZES[rnd.nextInt(ODD_SIZES.length)];
                        run(new GemmCase(rnd, transA, transB, m, n, k, rnd.nextBoolean(), rnd.nextBoolean()));
                    }
                }
            }
        }
    }

    @Test
    void matchesReferenceForRandomShapesAcrossBlockBoundaries() {
        Random rnd = new Random(7);
        for (int trial = 0; trial < 40; trial++) {
            int m = 1 + rnd.nextInt(300);
            int n = 1 + rnd.nextInt(300);
            int k = 1 + rnd.nextInt(600);
            run(new GemmCase(rnd, rnd.nextBoolean(), rnd.nextBoolean(), m, n, k, true, rnd.nextBoolean()));
        }
    }

    @Test
    void largeProblemsAreSplitAcrossThreadsAndStayCorrect() {
        Random rnd = new Random(11);
        // Wide (split by columns) and tall (split by rows), both above the parallel threshold.
        GemmCase wide = new GemmCase(rnd, false, true, 130, 333, 257, true, false);
        GemmCase tall = new GemmCase(rnd, true, false, 301, 97, 300, true, true);
        assertTrue((long) wide.m * wide.n * wide.k >= Gemm.PARALLEL_MIN_MACS);
        assertTrue((long) tall.m * tall.n * tall.k >= Gemm.PARALLEL_MIN_MACS);
        run(wide);
        run(tall);
    }

    @Test
    void overwritingNeverReadsOldC() {
        // BLAS beta = 0 semantics: NaN or infinity left in C from before must not leak into the product.
        Random rnd = new Random(13);
        for (int size : new int[] {5, 40, 300}) {
            GemmCase t = new GemmCase(rnd, false, false, size, size, size, false, false);
            for (int i = 0; i < t.m; i++) {
                java.util.Arrays.fill(t.c, t.cOff + i * t.ldc, t.cOff + i * t.ldc + t.n, Float.NaN);
            }
            t.c[t.cOff] = Float.POSITIVE_INFINITY;
            run(t);
        }
    }

    @Test
    void zeroDepthClearsOrKeepsC() {
        float[] c = {5, 5, 5, 5, 9};
        Gemm.sgemm(false, false, 2, 2, 0, new float[0], 0, 1, new float[0], 0, 2, c, 0, 2, true);
        assertArrayEquals(new float[] {5, 5, 5, 5, 9}, c, 0f);
        Gemm.sgemm(false, false, 2, 2, 0, new float[0], 0, 1, new float[0], 0, 2, c, 0, 2, false);
        assertArrayEquals(new float[] {0, 0, 0, 0, 9}, c, 0f);
    }

    @Test
    void emptyOutputTouchesNothing() {
        float[] c = {3};
        Gemm.sgemm(false, false, 0, 1, 4, new float[0], 0, 4, new float[4], 0, 1, c, 0, 1, false);
        assertArrayEquals(new float[] {3}, c, 0f);
    }

    @Test
    void rejectsArraysTooSmallForTheShapeWithBothSizes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                Gemm.sgemm(false, false, 4, 4, 4, new float[15], 0, 4, new float[16], 0, 4, new float[16], 0, 4, false));
        assertTrue(e.getMessage().contains("needs 16") && e.getMessage().contains("has 15"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () ->
                Gemm.sgemm(false, false, 4, 4, 4, new float[16], 0, 4, new float[16], 1, 4, new float[16], 0, 4, false));
        assertTrue(e.getMessage().startsWith("B"), e.getMessage());
    }

    @Test
    void rejectsLeadingDimensionsShorterThanTheStoredRow() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                Gemm.sgemm(true, false, 5, 2, 3, new float[100], 0, 4, new float[100], 0, 2, new float[100], 0, 2, false));
        assertTrue(e.getMessage().contains("is 4") && e.getMessage().contains("5 columns"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () ->
                Gemm.sgemm(false, false, 2, 3, 2, new float[100], 0, 2, new float[100], 0, 3, new float[100], 0, 2, false));
        assertThrows(IllegalArgumentException.class, () ->
                Gemm.sgemm(false, false, -1, 3, 2, new float[100], 0, 2, new float[100], 0, 3, new float[100], 0, 3, false));
        assertThrows(IllegalArgumentException.class, () ->
                Gemm.sgemm(false, false, 1, 1, 1, new float[1], -1, 1, new float[1], 0, 1, new float[1], 0, 1, false));
    }

    @Test
    void usesTheVectorKernelWhenTheModuleIsPresent() {
        // Surefire passes --add-modules jdk.incubator.vector, as the launcher does.
        assertTrue(Gemm.kernelName().startsWith("vector-"), Gemm.kernelName());
        assertEquals(Math.min(Runtime.getRuntime().availableProcessors(), 8), Gemm.parallelism());
    }
}
