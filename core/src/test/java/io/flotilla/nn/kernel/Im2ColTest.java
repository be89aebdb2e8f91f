package io.flotilla.nn.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class Im2ColTest {
    @Test
    void unfoldsASmallImageByHand() {
        // 3x3 image 1..9, 2x2 kernel, stride 1, valid: 4 rows (kernel offsets) x 4 columns (output positions).
        float[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        float[] col = new float[16];
        Im2Col.im2col(ConvGeometry.valid(1, 3, 3, 2, 2, 1, 1), x, 0, col, 0);
        assertArrayEquals(new float[] {
            1, 2, 4, 5,
            2, 3, 5, 6,
            4, 5, 7, 8,
            5, 6, 8, 9}, col, 0f);
    }

    @Test
    void padsWithZerosForSamePadding() {
        // 2x2 image, 3x3 same: pad 1 on every side; the centre row (offset 1,1) is the image itself.
        float[] x = {1, 2, 3, 4};
        ConvGeometry g = ConvGeometry.same(1, 2, 2, 3, 3, 1, 1);
        float[] col = new float[9 * 4 + 2];
        java.util.Arrays.fill(col, 7f);
        Im2Col.im2col(g, x, 0, col, 1);
        assertArrayEquals(new float[] {0, 0, 0, 1}, java.util.Arrays.copyOfRange(col, 1, 5), 0f);
        assertArrayEquals(new float[] {1, 2, 3, 4}, java.util.Arrays.copyOfRange(col, 1 + 4 * 4, 1 + 5 * 4), 0f);
        assertArrayEquals(new float[] {4, 0, 0, 0}, java.util.Arrays.copyOfRange(col, 1 + 8 * 4, 1 + 9 * 4), 0f);
        assertEquals(7f, col[0], 0f);
        assertEquals(7f, col[37], 0f);
    }

    @Test
    void convolutionAsIm2colThenGemmMatchesDirectConvolution() {
        Random rnd = new Random(42);
        for (ConvGeometry g : DirectConv.geometries()) {
            int outC = 1 + rnd.nextInt(4);
            float[] x = DirectConv.random(rnd, g.inputSize() + 3);
            float[] w = DirectConv.random(rnd, outC * g.colRows());
            float[] col = new float[g.colRows() * g.colCols()];
            float[] xAt3 = java.util.Arrays.copyOfRange(x, 3, x.length);
            Im2Col.im2col(g, x, 3, col, 0);
            float[] out = new float[outC * g.colCols()];
            Gemm.sgemm(false, false, outC, g.colCols(), g.colRows(), w, 0, g.colRows(), col, 0, g.colCols(),
                    out, 0, g.colCols(), false);
            DirectConv.assertClose(DirectConv.forward(g, outC, xAt3, w), out, 0, "forward " + g);
        }
    }

    @Test
    void weightGradientIsOutputGradientTimesColumnsTransposed() {
        Random rnd = new Random(43);
        for (ConvGeometry g : DirectConv.geometries()) {
            int outC = 1 + rnd.nextInt(4);
            float[] x = DirectConv.random(rnd, g.inputSize());
            float[] dOut = DirectConv.random(rnd, outC * g.colCols());
            float[] col = new float[g.colRows() * g.colCols()];
            Im2Col.im2col(g, x, 0, col, 0);
            float[] dw = new float[outC * g.colRows()];
            Gemm.sgemm(false, true, outC, g.colRows(), g.colCols(), dOut, 0, g.colCols(), col, 0, g.colCols(),
                    dw, 0, g.colRows(), false);
            DirectConv.assertClose(DirectConv.weightGradient(g, outC, dOut, x), dw, 0, "weight gradient " + g);
        }
    }

    @Test
    void aBatchOfColumnMatricesSideBySideConvolvesInOneGemm() {
        Random rnd = new Random(46);
        int batch = 3;
        for (ConvGeometry g : DirectConv.geometries()) {
            int outC = 2;
            int p = g.colCols();
            int ld = batch * p;
            float[] w = DirectConv.random(rnd, outC * g.colRows());
            float[] x = DirectConv.random(rnd, batch * g.inputSize());
            float[] col = new float[g.colRows() * ld];
            for (int e = 0; e < batch; e++) {
                Im2Col.im2col(g, x, e * g.inputSize(), col, e * p, ld);
            }
            float[] out = new float[outC * ld];
            Gemm.sgemm(false, false, outC, ld, g.colRows(), w, 0, g.colRows(), col, 0, ld, out, 0, ld, false);
            for (int e = 0; e < batch; e++) {
                float[] xe = java.util.Arrays.copyOfRange(x, e * g.inputSize(), (e + 1) * g.inputSize());
                float[] expected = DirectConv.forward(g, outC, xe, w);
                for (int oc = 0; oc < outC; oc++) {
                    DirectConv.assertClose(java.util.Arrays.copyOfRange(expected, oc * p, (oc + 1) * p),
                            out, oc * ld + e * p, "batched forward, example " + e + " channel " + oc + " " + g);
                }
            }
        }
    }

    @Test
    void rejectsALeadingDimensionShorterThanARow() {
        ConvGeometry g = ConvGeometry.valid(1, 3, 3, 2, 2, 1, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Im2Col.im2col(g, new float[9], 0, new float[64], 0, 3));
        assertTrue(e.getMessage().contains("3") && e.getMessage().contains("4 columns"), e.getMessage());
    }

    @Test
    void rejectsBuffersTooSmallWithBothSizes() {
        ConvGeometry g = ConvGeometry.valid(1, 3, 3, 2, 2, 1, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Im2Col.im2col(g, new float[9], 0, new float[15], 0));
        assertTrue(e.getMessage().contains("16") && e.getMessage().contains("15"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Im2Col.im2col(g, new float[9], 1, new float[16], 0));
        assertTrue(e.getMessage().contains("9") && e.getMessage().contains("offset 1"), e.getMessage());
    }
}
