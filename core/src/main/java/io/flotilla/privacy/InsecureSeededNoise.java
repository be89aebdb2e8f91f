package io.flotilla.privacy;

import java.util.SplittableRandom;

/**
 * INSECURE: Gaussian noise from a seeded, predictable generator ({@link SplittableRandom}). Anyone who knows or
 * guesses the seed can regenerate the noise and subtract it, so this source gives NO differential privacy. It
 * exists for deterministic simulations and reproducible tests only; deployments use {@link SecureGaussianNoise}.
 */
public final class InsecureSeededNoise extends PolarGaussian {
    private final SplittableRandom random;

    /** Noise that repeats exactly for the same {@code seed}. */
    public InsecureSeededNoise(long seed) {
        this.random = new SplittableRandom(seed);
    }

    @Override
    double nextUniform() {
        return random.nextDouble();
    }
}
