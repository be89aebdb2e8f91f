package io.flotilla.nn.kernel;

/**
 * The portable 4 x 4 micro-kernel in plain Java, used when the {@code jdk.incubator.vector} module is not in
 * the boot layer. Sixteen scalar accumulators stay in registers across the depth loop.
 */
final class ScalarGemmKernel implements GemmKernel {
    static final int MR = 4;
    static final int NR = 4;

    @Override
    public int mr() {
        return MR;
    }

    @Override
    public int nr() {
        return NR;
    }

    @Override
    public String name() {
        return "scalar-" + MR + "x" + NR;
    }

    @Override
    public void multiply(int kc, float[] ap, int apOff, float[] bp, int bpOff,
                         float[] c, int cOff, int ldc, boolean overwrite) {
        float c00 = 0f, c01 = 0f, c02 = 0f, c03 = 0f;
        float c10 = 0f, c11 = 0f, c12 = 0f, c13 = 0f;
        float c20 = 0f, c21 = 0f, c22 = 0f, c23 = 0f;
        float c30 = 0f, c31 = 0f, c32 = 0f, c33 = 0f;
        int ai = apOff;
        int bi = bpOff;
        for (int p = 0; p < kc; p++, ai += MR, bi += NR) {
            float b0 = bp[bi], b1 = bp[bi + 1], b2 = bp[bi + 2], b3 = bp[bi + 3];
            float a0 = ap[ai];
            c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
            float a1 = ap[ai + 1];
            c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
            float a2 = ap[ai + 2];
            c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
            float a3 = ap[ai + 3];
            c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
        }
        store(c, cOff, overwrite, c00, c01, c02, c03);
        store(c, cOff + ldc, overwrite, c10, c11, c12, c13);
        store(c, cOff + 2 * ldc, overwrite, c20, c21, c22, c23);
        store(c, cOff + 3 * ldc, overwrite, c30, c31, c32, c33);
    }

    private static void store(float[] c, int ci, boolean overwrite, float v0, float v1, float v2, float v3) {
        if (overwrite) {
            c[ci] = v0;
            c[ci + 1] = v1;
            c[ci + 2] = v2;
            c[ci + 3] = v3;
        } else {
            c[ci] += v0;
            c[ci + 1] += v1;
            c[ci + 2] += v2;
            c[ci + 3] += v3;
        }
    }
}
