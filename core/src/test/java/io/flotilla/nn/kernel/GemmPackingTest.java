package io.flotilla.nn.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class GemmPackingTest {
    // op(A) is the 3 x 2 matrix [[1, 2], [3, 4], [5, 6]]; A(i, p) = 2 i + p + 1.
    private static final float[] A = {1, 2, 3, 4, 5, 6};
    private static final float[] A_STORED_TRANSPOSED = {1, 3, 5, 2, 4, 6};
    // Panels of 2 rows: rows 0-1 column by column, then row 2 with a zero pad row.
    private static final float[] A_PACKED = {1, 3, 2, 4, 5, 0, 6, 0};

    @Test
    void packsAIntoColumnMajorPanelsWithZeroPadding() {
        float[] ap = new float[8];
        GemmPacking.packA(false, A, 0, 2, 0, 3, 0, 2, 2, ap);
        assertArrayEquals(A_PACKED, ap, 0f);
        java.util.Arrays.fill(ap, 99f);
        GemmPacking.packA(true, A_STORED_TRANSPOSED, 0, 3, 0, 3, 0, 2, 2, ap);
        assertArrayEquals(A_PACKED, ap, 0f);
    }

    @Test
    void packsASubBlockWithOffsets() {
        float[] ap = new float[2];
        // Row 1..2, depth 1 of A: values 4 and 6 in one panel of 2 rows.
        GemmPacking.packA(false, A, 0, 2, 1, 2, 1, 1, 2, ap);
        assertArrayEquals(new float[] {4, 6}, ap, 0f);
    }

    @Test
    void packsBIntoRowMajorPanelsWithZeroPadding() {
        // op(B) is 2 x 3 [[1, 2, 3], [4, 5, 6]]; panels of 2 columns.
        float[] b = {1, 2, 3, 4, 5, 6};
        float[] bStoredTransposed = {1, 4, 2, 5, 3, 6};
        float[] expected = {1, 2, 4, 5, 3, 0, 6, 0};
        float[] bp = new float[8];
        GemmPacking.packB(false, b, 0, 3, 0, 2, 0, 3, 2, bp);
        assertArrayEquals(expected, bp, 0f);
        java.util.Arrays.fill(bp, 99f);
        GemmPacking.packB(true, bStoredTransposed, 0, 2, 0, 2, 0, 3, 2, bp);
        assertArrayEquals(expected, bp, 0f);
    }
}
