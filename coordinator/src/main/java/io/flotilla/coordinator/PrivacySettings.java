package io.flotilla.coordinator;

import com.typesafe.config.Config;
import io.flotilla.wire.protocol.node.ConfigReader;
import java.util.List;
import java.util.Locale;

/**
 * The {@code flotilla.privacy} section: client-level DP-FedAvg around the configured strategy.
 *
 * @param mode {@code none}, {@code server} (fixed clipping, coordinator adds the noise), {@code adaptive}
 *     (adaptive clipping, coordinator noise), {@code client} (each client clips and adds its share of the noise,
 *     distributed DP) or {@code local} (each client adds the full noise, local DP)
 * @param noiseMultiplier z, > 0 unless the mode is none
 * @param clippingNorm S (the initial norm under adaptive clipping)
 * @param delta the delta at which epsilon is reported, in (0, 1)
 * @param targetEpsilon budget: training stops before the round that would exceed it; 0 means no budget
 * @param noise {@code secure} (DRBG) or {@code seeded-insecure} (reproducible, no privacy; simulations only)
 * @param population N, the number of clients cohorts are drawn from; 0 means {@code min_available_clients}
 * @param targetQuantile adaptive clipping's gamma
 * @param clipLearningRate adaptive clipping's eta
 * @param countNoiseStd adaptive clipping's sigma_b; 0 means the paper's default m / 20
 */
public record PrivacySettings(String mode, double noiseMultiplier, double clippingNorm, double delta,
                              double targetEpsilon, String noise, int population, double targetQuantile,
                              double clipLearningRate, double countNoiseStd) {

    /** Accepted values of {@code flotilla.privacy.mode}. */
    public static final List<String> MODES = List.of("none", "server", "adaptive", "client", "local");

    public PrivacySettings {
        if (!MODES.contains(mode)) {
            throw new IllegalArgumentException("flotilla.privacy.mode must be one of " + MODES + ", got " + mode);
        }
        if (!noise.equals("secure") && !noise.equals("seeded-insecure")) {
            throw new IllegalArgumentException("flotilla.privacy.noise must be secure or seeded-insecure, got "
                    + noise);
        }
        if (!mode.equals("none") && !(noiseMultiplier > 0)) {
            throw new IllegalArgumentException("flotilla.privacy.noise_multiplier must be > 0 with privacy.mode = "
                    + mode + ", got " + noiseMultiplier);
        }
        if (population < 0) {
            throw new IllegalArgumentException("flotilla.privacy.population must be >= 0, got " + population);
        }
    }

    /** No differential privacy. */
    public static PrivacySettings off() {
        return new PrivacySettings("none", 0, 1, 1e-5, 0, "secure", 0, 0.5, 0.2, 0);
    }

    /** True unless the mode is {@code none}. */
    public boolean enabled() {
        return !mode.equals("none");
    }

    /** The target epsilon for the privacy library: infinite when no budget is set. */
    public double budget() {
        return targetEpsilon > 0 ? targetEpsilon : Double.POSITIVE_INFINITY;
    }

    /** Reads {@code flotilla.privacy}; absent keys take the reference defaults. */
    static PrivacySettings from(Config config) {
        if (!config.hasPath("flotilla.privacy")) {
            return off();
        }
        ConfigReader r = new ConfigReader(config, "flotilla");
        return new PrivacySettings(
                r.nonEmpty("privacy.mode").toLowerCase(Locale.ROOT),
                r.doubleIn("privacy.noise_multiplier", 0, true, 1e6),
                r.doubleIn("privacy.clipping_norm", 0, false, 1e9),
                r.doubleIn("privacy.delta", 0, false, 1),
                r.doubleIn("privacy.target_epsilon", 0, true, 1e9),
                r.nonEmpty("privacy.noise").toLowerCase(Locale.ROOT),
                r.intAtLeast("privacy.population", 0),
                r.doubleIn("privacy.adaptive.target_quantile", 0, false, 1),
                r.doubleIn("privacy.adaptive.learning_rate", 0, false, 100),
                r.doubleIn("privacy.adaptive.count_noise_std", 0, true, 1e9));
    }
}
