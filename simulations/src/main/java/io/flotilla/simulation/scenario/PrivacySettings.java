package io.flotilla.simulation.scenario;

import java.util.Set;

/**
 * Differential privacy ({@code privacy.*}). {@code sampling} is {@code poisson} (each client joins a round
 * independently with q = cohort / clients, what the accountant assumes) or {@code fixed} (a fixed-size subset,
 * refused by the coordinator with privacy on unless the cohort is every client).
 */
public record PrivacySettings(String mode, double noiseMultiplier, double clippingNorm, double delta,
                              double targetEpsilon, String sampling) {
    private static final Set<String> MODES = Set.of("none", "server", "client", "adaptive", "local");
    private static final Set<String> SAMPLINGS = Set.of("poisson", "fixed");

    public PrivacySettings {
        Scenario.require(MODES.contains(mode), "privacy.mode", "must be one of " + MODES, mode);
        Scenario.require(noiseMultiplier >= 0, "privacy.noise_multiplier", "must be non-negative", noiseMultiplier);
        Scenario.require(clippingNorm > 0, "privacy.clipping_norm", "must be positive", clippingNorm);
        Scenario.require(delta > 0 && delta < 1, "privacy.delta", "must be in (0, 1)", delta);
        Scenario.require(SAMPLINGS.contains(sampling), "privacy.sampling", "must be one of " + SAMPLINGS, sampling);
        Scenario.require(targetEpsilon >= 0, "privacy.target_epsilon", "must be non-negative", targetEpsilon);
    }

    public boolean enabled() {
        return !mode.equals("none");
    }
}
