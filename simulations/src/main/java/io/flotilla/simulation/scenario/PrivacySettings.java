package io.flotilla.simulation.scenario;

import java.util.Set;

/** Differential privacy ({@code privacy.*}). */
public record PrivacySettings(String mode, double noiseMultiplier, double clippingNorm, double delta,
                              double targetEpsilon) {
    private static final Set<String> MODES = Set.of("none", "server", "client", "adaptive", "local");

    public PrivacySettings {
        Scenario.require(MODES.contains(mode), "privacy.mode", "must be one of " + MODES, mode);
        Scenario.require(noiseMultiplier >= 0, "privacy.noise_multiplier", "must be non-negative", noiseMultiplier);
        Scenario.require(clippingNorm > 0, "privacy.clipping_norm", "must be positive", clippingNorm);
        Scenario.require(delta > 0 && delta < 1, "privacy.delta", "must be in (0, 1)", delta);
        Scenario.require(targetEpsilon >= 0, "privacy.target_epsilon", "must be non-negative", targetEpsilon);
    }

    public boolean enabled() {
        return !mode.equals("none");
    }
}
