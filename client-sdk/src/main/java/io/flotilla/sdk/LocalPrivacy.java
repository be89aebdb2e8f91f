package io.flotilla.sdk;

import io.flotilla.privacy.ClientDp;
import io.flotilla.privacy.ClientNoiseMode;
import io.flotilla.privacy.NoiseSource;

/**
 * Client-side DP-FedAvg, as the member client applies it ({@code flotilla.client.privacy}): the delta is clipped
 * to S and this client's share of the noise added before sealing. Must equal the coordinator's settings, or the
 * accountant's epsilon does not describe what the clients did.
 */
public final class LocalPrivacy {
    private final ClientNoiseMode mode;
    private final double clipNorm;
    private final double noiseMultiplier;
    private final int expectedCohort;
    private final NoiseSource noise;

    /**
     * @param mode {@link ClientNoiseMode#DISTRIBUTED} ({@code z S / sqrt(m)}) or {@link ClientNoiseMode#LOCAL}
     * @param clipNorm S
     * @param noiseMultiplier z
     * @param expectedCohort m, the coordinator's expected cohort
     * @param noise where the noise comes from ({@code SecureGaussianNoise} outside tests)
     */
    public LocalPrivacy(ClientNoiseMode mode, double clipNorm, double noiseMultiplier, int expectedCohort,
                        NoiseSource noise) {
        if (mode == null || noise == null) {
            throw new IllegalArgumentException("privacy mode and noise source are required");
        }
        ClientDp.clientNoiseStd(mode, clipNorm, noiseMultiplier, expectedCohort);
        this.mode = mode;
        this.clipNorm = clipNorm;
        this.noiseMultiplier = noiseMultiplier;
        this.expectedCohort = expectedCohort;
        this.noise = noise;
    }

    /** Clips and noises {@code delta} in place; returns its norm before clipping. */
    double privatizeInPlace(float[] delta) {
        return ClientDp.privatizeInPlace(delta, mode, clipNorm, noiseMultiplier, expectedCohort, noise);
    }

    @Override
    public String toString() {
        return "LocalPrivacy[mode=" + mode + ", clipNorm=" + clipNorm + ", noiseMultiplier=" + noiseMultiplier
                + ", expectedCohort=" + expectedCohort + "]";
    }
}
