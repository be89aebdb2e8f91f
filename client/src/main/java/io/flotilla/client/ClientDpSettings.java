package io.flotilla.client;

import com.typesafe.config.Config;
import io.flotilla.node.ConfigReader;
import io.flotilla.privacy.ClientNoiseMode;
import io.flotilla.privacy.NoiseSource;
import io.flotilla.privacy.SecureGaussianNoise;
import java.util.List;
import java.util.Locale;

/**
 * A deployed client's side of client-level DP ({@code flotilla.client.privacy}): which share of the Gaussian
 * noise it adds to its clipped delta before sealing. The values must equal the coordinator's
 * {@code flotilla.privacy} settings (same mode, clipping norm and multiplier; {@code expected_cohort} = the
 * coordinator's expected cohort m), or the coordinator's epsilon does not describe what the clients did.
 *
 * @param mode {@code none}; {@code client} (distributed noise: this client adds {@code z S / sqrt(m)}, so the sum
 *     of m shares carries {@code z S}; private against the coordinator only together with secure aggregation); or
 *     {@code local} (local DP: this client adds the full {@code z S}, private on its own)
 * @param noiseMultiplier z, > 0 unless the mode is none
 * @param clippingNorm S, > 0: the delta is clipped to this L2 norm before the noise
 * @param expectedCohort m, >= 1: the coordinator's expected cohort size (used by {@code client} mode)
 */
public record ClientDpSettings(String mode, double noiseMultiplier, double clippingNorm, int expectedCohort) {

    /** Accepted values of {@code flotilla.client.privacy.mode} (the coordinator's vocabulary). */
    public static final List<String> MODES = List.of("none", "client", "local");

    private static final String KEY = "flotilla.client.privacy.";

    public ClientDpSettings {
        if (!MODES.contains(mode)) {
            throw new IllegalArgumentException(KEY + "mode must be one of " + MODES + ", got " + mode);
        }
        if (!mode.equals("none")) {
            if (!(noiseMultiplier > 0) || Double.isInfinite(noiseMultiplier)) {
                throw new IllegalArgumentException(KEY + "noise_multiplier must be finite and > 0 with privacy.mode = "
                        + mode + ", got " + noiseMultiplier);
            }
            if (!(clippingNorm > 0) || Double.isInfinite(clippingNorm)) {
                throw new IllegalArgumentException(KEY + "clipping_norm must be finite and > 0, got " + clippingNorm);
            }
            if (expectedCohort < 1) {
                throw new IllegalArgumentException(KEY + "expected_cohort must be >= 1, got " + expectedCohort);
            }
        }
    }

    /** No client-side noise. */
    public static ClientDpSettings off() {
        return new ClientDpSettings("none", 0, 1, 1);
    }

    public boolean enabled() {
        return !mode.equals("none");
    }

    /** What the agent applies: null when off, else clipping and noise from a {@link SecureGaussianNoise}. */
    public ClientPrivacy toClientPrivacy() {
        return toClientPrivacy(new SecureGaussianNoise());
    }

    /** As {@link #toClientPrivacy()} with the given noise source (tests; deterministic simulations). */
    public ClientPrivacy toClientPrivacy(NoiseSource noise) {
        if (!enabled()) {
            return null;
        }
        return new ClientPrivacy(mode.equals("local") ? ClientNoiseMode.LOCAL : ClientNoiseMode.DISTRIBUTED,
                clippingNorm, noiseMultiplier, expectedCohort, noise);
    }

    /** Reads {@code flotilla.client.privacy} (reference defaults for absent keys: off). */
    static ClientDpSettings from(Config config) {
        if (!config.hasPath("flotilla.client.privacy")) {
            return off();
        }
        ConfigReader r = new ConfigReader(config, "flotilla.client");
        String mode = r.nonEmpty("privacy.mode").toLowerCase(Locale.ROOT);
        if (mode.equals("none")) {
            return off();
        }
        return new ClientDpSettings(mode,
                r.doubleIn("privacy.noise_multiplier", 0, false, 1e6),
                r.doubleIn("privacy.clipping_norm", 0, false, 1e9),
                r.intAtLeast("privacy.expected_cohort", 1));
    }
}
