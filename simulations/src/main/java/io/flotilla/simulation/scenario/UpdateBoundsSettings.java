package io.flotilla.simulation.scenario;

/**
 * The coordinator's sanity bounds on every update ({@code updates.*}, the coordinator's {@code flotilla.updates}):
 * a cap on example counts and a delta norm limit relative to the global model.
 *
 * @param maxExamples the most examples a client may register with and weight an update by
 * @param maxNormRatio a delta's L2 norm may be at most this times max(||global||_2, normFloor); 0 = off
 * @param normFloor the global norm assumed when the model's is smaller
 */
public record UpdateBoundsSettings(int maxExamples, double maxNormRatio, double normFloor) {
    public UpdateBoundsSettings {
        Scenario.require(maxExamples >= 1, "updates.max_examples", "must be at least 1", maxExamples);
        Scenario.require(maxNormRatio >= 0 && Double.isFinite(maxNormRatio), "updates.max_norm_ratio",
                "must be finite and >= 0 (0 for none)", maxNormRatio);
        Scenario.require(normFloor > 0 && Double.isFinite(normFloor), "updates.norm_floor",
                "must be finite and > 0", normFloor);
    }
}
