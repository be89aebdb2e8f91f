package io.flotilla.nn.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Checks one micro-kernel tile against a hand-computed product with small integers, which float holds exactly. */
final class KernelTiles {
    private KernelTiles() {
    }

    static void assertExactTile(GemmKernel kernel) {
        int mr = kernel.mr();
        int nr = kernel.nr();
        int kc = 5;
        int ldc = nr + 3;
        float[] ap = new float[mr * kc];
        float[] bp = new float[kc * nr];
        for (int p = 0; p < kc; p++) {
            for (int r = 0; r < mr; r++) {
                ap[p * mr + r] = r - p;        // A(r, p)
            }
            for (int j = 0; j < nr; j++) {
                bp[p * nr + j] = j % 7 + p;    // B(p, j)
            }
        }
        float[] c = new float[2 + mr * ldc];
        java.util.Arrays.fill(c, 1f);
        kernel.multiply(kc, ap, 0, bp, 0, c, 2, ldc, true);
        for (int r = 0; r < mr; r++) {
            for (int j = 0; j < nr; j++) {
                int expected = 0;
                for (int p = 0; p < kc; p++) {
                    expected += (r - p) * (j % 7 + p);
                }
                assertEquals(expected, c[2 + r * ldc + j], 0f, kernel.name() + " C(" + r + "," + j + ")");
            }
            for (int j = nr; j < ldc && 2 + r * ldc + j < c.length; j++) {
                assertEquals(1f, c[2 + r * ldc + j], 0f, "padding column " + j + " of row " + r);
            }
        }
        assertEquals(1f, c[0], 0f);
        assertEquals(1f, c[1], 0f);
        kernel.multiply(kc, ap, 0, bp, 0, c, 2, ldc, false);
        for (int r = 0; r < mr; r++) {
            for (int j = 0; j < nr; j++) {
                int once = 0;
                for (int p = 0; p < kc; p++) {
                    once += (r - p) * (j % 7 + p);
                }
                assertEquals(2 * once, c[2 + r * ldc + j], 0f, kernel.name() + " accumulated C(" + r + "," + j + ")");
            }
        }
    }
}
