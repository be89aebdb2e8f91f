package io.flotilla.privacy;

/**
 * What a client agent does to its delta before encryption under client-side DP-FedAvg: clip to S, then add its
 * share of the noise (see {@link ClientNoiseMode}). Pure functions; the agent supplies a {@link NoiseSource}
 * ({@link SecureGaussianNoise} outside deterministic simulations).
 */
public final class ClientDp {
    private ClientDp() {
    }

    /** The standard deviation one client adds under {@code mode}: {@code z S / sqrt(m)} or {@code z S}. */
    public static double clientNoiseStd(ClientNoiseMode mode, double clipNorm, double noiseMultiplier,
            int expectedCohortSize) {
        L2Clipping.checkMaxNorm(clipNorm);
        if (!(noiseMultiplier >= 0) || Double.isInfinite(noiseMultiplier)) {
            throw new IllegalArgumentException("noise multiplier must be finite and >= 0, got " + noiseMultiplier);
        }
        if (expectedCohortSize < 1) {
            throw new IllegalArgumentException("expected cohort size must be >= 1, got " + expectedCohortSize);
        }
        double full = noiseMultiplier * clipNorm;
        return mode == ClientNoiseMode.LOCAL ? full : full / Math.sqrt(expectedCohortSize);
    }

    /**
     * Clips {@code delta} to {@code clipNorm} and adds this client's noise, in place. Returns the norm before
     * clipping (for metrics; under adaptive clipping the agent reports whether it was within the norm).
     */
    public static double privatizeInPlace(float[] delta, ClientNoiseMode mode, double clipNorm,
            double noiseMultiplier, int expectedCohortSize, NoiseSource noise) {
        double std = clientNoiseStd(mode, clipNorm, noiseMultiplier, expectedCohortSize);
        double norm = L2Clipping.clipInPlace(delta, clipNorm);
        noise.addGaussianInPlace(delta, std);
        return norm;
    }
}
