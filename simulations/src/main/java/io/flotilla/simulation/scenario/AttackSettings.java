package io.flotilla.simulation.scenario;

import java.util.Set;

/** Malicious clients ({@code attacks.*}). */
public record AttackSettings(double fraction, String kind, double scale) {
    private static final Set<String> KINDS = Set.of("none", "sign_flip", "scale", "noise", "label_flip");

    public AttackSettings {
        Scenario.require(fraction >= 0 && fraction < 1, "attacks.fraction", "must be in [0, 1)", fraction);
        Scenario.require(KINDS.contains(kind), "attacks.kind", "must be one of " + KINDS, kind);
        Scenario.require(scale > 0, "attacks.scale", "must be positive", scale);
        Scenario.require(fraction == 0 || !kind.equals("none"), "attacks.kind",
                "must name an attack when attacks.fraction > 0", kind);
    }

    public boolean enabled() {
        return fraction > 0;
    }
}
