package io.flotilla.privacy;

/**
 * Marsaglia's polar method: turns pairs of uniform doubles in [0, 1) into pairs of independent standard normal
 * samples. Shared by the secure and the seeded noise sources, which differ only in where the uniforms come from.
 * Not thread-safe.
 */
abstract class PolarGaussian implements NoiseSource {
    private double spare;
    private boolean hasSpare;

    /** A uniform double in [0, 1) with 53 random bits. */
    abstract double nextUniform();

    @Override
    public final double nextGaussian() {
        if (hasSpare) {
            hasSpare = false;
            return spare;
        }
        double u;
        double v;
        double s;
        do {
            u = 2 * nextUniform() - 1;
            v = 2 * nextUniform() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double m = Math.sqrt(-2 * Math.log(s) / s);
        spare = v * m;
        hasSpare = true;
        return u * m;
    }
}
