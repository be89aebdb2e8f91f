package io.flotilla.simulation.scenario;

import java.util.Set;

/** Magnitude pruning of the global model ({@code pruning.*}); a target sparsity of 0 turns it off. */
public record PruningSettings(double targetSparsity, String schedule, int startRound, int endRound, int frequency) {
    private static final Set<String> SCHEDULES = Set.of("oneshot", "gradual");

    public PruningSettings {
        Scenario.require(targetSparsity >= 0 && targetSparsity < 1, "pruning.target_sparsity", "must be in [0, 1)",
                targetSparsity);
        Scenario.require(SCHEDULES.contains(schedule), "pruning.schedule", "must be one of " + SCHEDULES, schedule);
        Scenario.require(startRound >= 1, "pruning.start_round", "must be at least 1", startRound);
        Scenario.require(endRound >= startRound, "pruning.end_round", "must be at least pruning.start_round", endRound);
        Scenario.require(frequency >= 1, "pruning.frequency", "must be at least 1", frequency);
    }

    public boolean enabled() {
        return targetSparsity > 0;
    }
}
