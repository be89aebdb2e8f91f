package io.flotilla.pruning.compression;

import java.util.random.RandomGenerator;

/**
 * Unbiased 8-bit stochastic quantisation of a segment with its own {@code [min, max]}: with
 * {@code scale = (max - min) / 255} and {@code f = (x - min) / scale}, the code is {@code floor(f)} or
 * {@code floor(f) + 1} with probability {@code f - floor(f)}, so {@code E[min + code * scale] = x}. A constant
 * segment ({@code min == max}) has scale 0 and decodes exactly. Arithmetic in double.
 */
public final class StochasticQuantizer {
    /** Largest code. */
    public static final int LEVELS = 255;

    private StochasticQuantizer() {
    }

    /**
     * Codes of {@code x[off..off+n)} into {@code out[outOff..outOff+n)} for the range {@code [min, max]} that
     * contains them. Modifies {@code out}.
     */
    public static void quantize(float[] x, int off, int n, float min, float max, RandomGenerator rng, byte[] out,
                                int outOff) {
        double scale = ((double) max - min) / LEVELS;
        if (scale == 0) {
            for (int i = 0; i < n; i++) {
                out[outOff + i] = 0;
            }
            return;
        }
        double inv = 1 / scale;
        for (int i = 0; i < n; i++) {
            double f = (x[off + i] - (double) min) * inv;
            double lo = Math.floor(f);
            int code = (int) lo + (rng.nextDouble() < f - lo ? 1 : 0);
            out[outOff + i] = (byte) Math.max(0, Math.min(LEVELS, code));
        }
    }

    /** Values of the codes {@code codes[off..off+n)} for {@code [min, max]} into {@code out[outOff..]}. */
    public static void dequantize(byte[] codes, int off, int n, float min, float max, float[] out, int outOff) {
        double scale = ((double) max - min) / LEVELS;
        for (int i = 0; i < n; i++) {
            out[outOff + i] = (float) (min + (codes[off + i] & 0xFF) * scale);
        }
    }
}
