package io.flotilla.simulation.scenario;

import java.util.Set;

/**
 * Differential privacy ({@code privacy.*}). {@code sampling} is {@code poisson} (each client joins a round
 * independently with q = cohort / clients, what the accountant assumes) or {@code fixed} (a fixed-size subset,
 * refused by the coordinator with privacy on unless the cohort is every client). {@code dpSgdNoiseMultiplier} and
 * {@code dpSgdClipNorm} ({@code privacy.dpsgd.*}) turn on example-level DP-SGD in every client's local training
 * (multiplier 0: off), independently of {@code mode}.
 */
public record PrivacySettings(String mode, double noiseMultiplier, double clippingNorm, double delta,
                              double targetEpsilon, String sampling, double dpSgdNoiseMultiplier,
                              double dpSgdClipNorm) {
    private static final Set<String> MODES = Set.of("none", "server", "client", "adaptive", "local");
    private static final Set<String> SAMPLINGS = Set.of("poisson", "fixed");

    public PrivacySettings {
        Scenario.require(MODES.contains(mode), "privacy.mode", "must be one of " + MODES, mode);
        Scenario.require(noiseMultiplier >= 0, "privacy.noise_multiplier", "must be non-negative", noiseMultiplier);
        Scenario.require(clippingNorm > 0, "privacy.clipping_norm", "must be positive", clippingNorm);
        Scenario.require(delta > 0 && delta < 1, "privacy.delta", "must be in (0, 1)", delta);
        Scenario.require(SAMPLINGS.contains(sampling), "privacy.sampling", "must be one of " + SAMPLINGS, sampling);
        Scenario.require(dpSgdNoiseMultiplier >= 0 && !Double.isInfinite(dpSgdNoiseMultiplier),
                "privacy.dpsgd.noise_multiplier", "must be finite and non-negative", dpSgdNoiseMultiplier);
        Scenario.require(dpSgdClipNorm > 0 && !Double.isInfinite(dpSgdClipNorm), "privacy.dpsgd.clipping_norm",
                "must be finite and positive", dpSgdClipNorm);
        Scenario.require(targetEpsilon >= 0, "privacy.target_epsilon", "must be non-negative", targetEpsilon);
    }

    /** True when clients run example-level DP-SGD. */
    public boolean dpSgd() {
        return dpSgdNoiseMultiplier > 0;
    }

    public boolean enabled() {
        return !mode.equals("none");
    }
}
