package io.flotilla.nn.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class Col2ImTest {
    @Test
    void foldsOverlappingWindowsBySumming() {
        // 3x3 image, 2x2 kernel, stride 1: a column matrix of ones counts how many windows cover each pixel.
        ConvGeometry g = ConvGeometry.valid(1, 3, 3, 2, 2, 1, 1);
        float[] col = new float[16];
        java.util.Arrays.fill(col, 1f);
        float[] dx = new float[9];
        java.util.Arrays.fill(dx, 5f);
        Col2Im.col2im(g, col, 0, dx, 0, false);
        assertArrayEquals(new float[] {1, 2, 1, 2, 4, 2, 1, 2, 1}, dx, 0f);
        Col2Im.col2im(g, col, 0, dx, 0, true);
        assertArrayEquals(new float[] {2, 4, 2, 4, 8, 4, 2, 4, 2}, dx, 0f);
    }

    @Test
    void isTheAdjointOfIm2col() {
        // <im2col(x), y> == <x, col2im(y)> for every x and y: the defining property of the backward pass.
        Random rnd = new Random(44);
        for (ConvGeometry g : DirectConv.geometries()) {
            float[] x = DirectConv.random(rnd, g.inputSize());
            float[] y = DirectConv.random(rnd, g.colRows() * g.colCols());
            float[] col = new float[y.length];
            Im2Col.im2col(g, x, 0, col, 0);
            float[] folded = new float[x.length];
            Col2Im.col2im(g, y, 0, folded, 0, false);
            double left = 0;
            for (int i = 0; i < y.length; i++) {
                left += (double) col[i] * y[i];
            }
            double right = 0;
            for (int i = 0; i < x.length; i++) {
                right += (double) x[i] * folded[i];
            }
            assertEquals(left, right, 1e-4 * (1 + Math.abs(left)), g.toString());
        }
    }

    @Test
    void inputGradientThroughGemmAndCol2imMatchesDirectConvolution() {
        Random rnd = new Random(45);
        for (ConvGeometry g : DirectConv.geometries()) {
            int outC = 1 + rnd.nextInt(4);
            float[] w = DirectConv.random(rnd, outC * g.colRows());
            float[] dOut = DirectConv.random(rnd, outC * g.colCols());
            float[] dCol = new float[g.colRows() * g.colCols()];
            Gemm.sgemm(true, false, g.colRows(), g.colCols(), outC, w, 0, g.colRows(), dOut, 0, g.colCols(),
                    dCol, 0, g.colCols(), false);
            float[] dx = new float[g.inputSize() + 2];
            java.util.Arrays.fill(dx, 9f);
            Col2Im.col2im(g, dCol, 0, dx, 2, false);
            assertEquals(9f, dx[0], 0f);
            assertEquals(9f, dx[1], 0f);
            DirectConv.assertClose(DirectConv.inputGradient(g, outC, dOut, w), dx, 2, "input gradient " + g);
        }
    }

    @Test
    void readsOneExampleOutOfABatchedColumnMatrix() {
        Random rnd = new Random(47);
        ConvGeometry g = ConvGeometry.same(2, 6, 5, 3, 3, 2, 1);
        int p = g.colCols();
        int ld = 3 * p;
        float[] batched = DirectConv.random(rnd, g.colRows() * ld);
        float[] alone = new float[g.colRows() * p];
        for (int r = 0; r < g.colRows(); r++) {
            System.arraycopy(batched, r * ld + p, alone, r * p, p);
        }
        float[] expected = new float[g.inputSize()];
        Col2Im.col2im(g, alone, 0, expected, 0, false);
        float[] dx = new float[g.inputSize()];
        Col2Im.col2im(g, batched, p, ld, dx, 0, false);
        assertArrayEquals(expected, dx, 0f);
    }

    @Test
    void rejectsBuffersTooSmall() {
        ConvGeometry g = ConvGeometry.valid(1, 3, 3, 2, 2, 1, 1);
        assertThrows(IllegalArgumentException.class, () -> Col2Im.col2im(g, new float[15], 0, new float[9], 0, false));
        assertThrows(IllegalArgumentException.class, () -> Col2Im.col2im(g, new float[16], 0, new float[8], 0, true));
    }
}
