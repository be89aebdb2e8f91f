package io.flotilla.client;

import io.flotilla.privacy.ClientDp;
import io.flotilla.privacy.ClientNoiseMode;
import io.flotilla.privacy.NoiseSource;
import java.util.Objects;

/**
 * Client-side DP-FedAvg: what the agent does to its delta before sealing it when the coordinator runs
 * {@code privacy.mode = client} (distributed noise) or {@code local}. Must match the coordinator's settings
 * (same clipping norm, multiplier and expected cohort size), or the accountant's figures are wrong.
 *
 * @param mode whose share of the noise this client adds
 * @param clipNorm S: the delta is clipped to this L2 norm
 * @param noiseMultiplier z
 * @param expectedCohortSize m: under distributed noise each client adds {@code z S / sqrt(m)}
 * @param noise where the noise comes from; used by one training task at a time
 */
public record ClientPrivacy(ClientNoiseMode mode, double clipNorm, double noiseMultiplier, int expectedCohortSize,
                           NoiseSource noise) {

    public ClientPrivacy {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(noise, "noise");
        // Validates the numbers the same way the privatization will.
        ClientDp.clientNoiseStd(mode, clipNorm, noiseMultiplier, expectedCohortSize);
    }

    /** Clips and noises {@code delta} in place; returns its norm before clipping. */
    public double privatizeInPlace(float[] delta) {
        return ClientDp.privatizeInPlace(delta, mode, clipNorm, noiseMultiplier, expectedCohortSize, noise);
    }
}
