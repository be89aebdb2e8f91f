package io.flotilla.privacy;

/**
 * L2-norm clipping, the step that bounds each contribution's sensitivity before Gaussian noise is calibrated to
 * it. Norms are accumulated in {@code double} so that a model of millions of parameters does not lose the
 * bound to float rounding; a clipped vector's norm is at most {@code maxNorm * (1 + 1e-6)}.
 */
public final class L2Clipping {
    private L2Clipping() {
    }

    /** The L2 norm of {@code v}. */
    public static double norm(float[] v) {
        return norm(v, 0, v.length);
    }

    /** The L2 norm of {@code v[offset, offset + length)}. */
    public static double norm(float[] v, int offset, int length) {
        checkRange(v, offset, length);
        double s = 0;
        for (int i = offset, end = offset + length; i < end; i++) {
            double x = v[i];
            s += x * x;
        }
        return Math.sqrt(s);
    }

    /**
     * Scales {@code v} in place so that its L2 norm is at most {@code maxNorm}; a vector already within the bound
     * is left untouched. Returns the norm before clipping (what adaptive clipping needs to know).
     */
    public static double clipInPlace(float[] v, double maxNorm) {
        return clipInPlace(v, 0, v.length, maxNorm);
    }

    /** As {@link #clipInPlace(float[], double)} on the slice {@code v[offset, offset + length)}. */
    public static double clipInPlace(float[] v, int offset, int length, double maxNorm) {
        checkMaxNorm(maxNorm);
        double norm = norm(v, offset, length);
        if (!Double.isFinite(norm)) {
            throw new IllegalArgumentException("vector has a non-finite L2 norm: " + norm);
        }
        if (norm > maxNorm) {
            float scale = (float) (maxNorm / norm);
            for (int i = offset, end = offset + length; i < end; i++) {
                v[i] *= scale;
            }
        }
        return norm;
    }

    /** The factor {@code min(1, maxNorm / norm)} that clipping a vector of norm {@code norm} applies. */
    public static double clipFactor(double norm, double maxNorm) {
        checkMaxNorm(maxNorm);
        return norm > maxNorm ? maxNorm / norm : 1.0;
    }

    static void checkMaxNorm(double maxNorm) {
        if (!(maxNorm > 0) || Double.isInfinite(maxNorm)) {
            throw new IllegalArgumentException("clipping norm must be finite and > 0, got " + maxNorm);
        }
    }

    private static void checkRange(float[] v, int offset, int length) {
        if (offset < 0 || length < 0 || offset > v.length - length) {
            throw new IllegalArgumentException(
                    "slice [" + offset + ", " + offset + "+" + length + ") outside array of length " + v.length);
        }
    }
}
