package io.flotilla.privacy;

/**
 * A source of standard normal samples for differential privacy noise.
 *
 * <p>Contract: {@link #nextGaussian()} returns independent samples of N(0, 1). Production code uses
 * {@link SecureGaussianNoise}, whose samples an observer of past outputs cannot predict; deterministic
 * simulations may use {@link InsecureSeededNoise}, whose name says what it gives up. Implementations are not
 * thread-safe: one per actor or trainer.
 */
public interface NoiseSource {

    /** One sample of the standard normal distribution. */
    double nextGaussian();

    /** Adds independent N(0, std^2) noise to every element of {@code v} in place. */
    default void addGaussianInPlace(float[] v, double std) {
        checkStd(std);
        for (int i = 0; i < v.length; i++) {
            v[i] += (float) (std * nextGaussian());
        }
    }

    /** Adds independent N(0, std^2) noise to every element of {@code v} in place. */
    default void addGaussianInPlace(double[] v, double std) {
        checkStd(std);
        for (int i = 0; i < v.length; i++) {
            v[i] += std * nextGaussian();
        }
    }

    private static void checkStd(double std) {
        if (!(std >= 0) || Double.isInfinite(std)) {
            throw new IllegalArgumentException("noise standard deviation must be finite and >= 0, got " + std);
        }
    }
}
