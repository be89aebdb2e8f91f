package io.flotilla.coordinator;

import io.flotilla.model.ParameterSet;
import java.util.Map;

/**
 * The coordinator's state after a completed round: enough to resume losing nothing but the round in flight.
 *
 * @param round last completed round (0 before the first)
 * @param modelVersion number of aggregations applied to the global model
 * @param rngState cohort sampler state ({@link CohortSampler#state()})
 * @param parameters the global model
 * @param strategyState the strategy's server state ({@link io.flotilla.aggregation.Strategy#state()}); arrays are
 *     not copied (written once, right after the round)
 * @param config the resolved configuration as JSON, for provenance
 */
public record Checkpoint(int round, long modelVersion, long rngState, ParameterSet parameters,
                         Map<String, float[]> strategyState, String config) {

    public Checkpoint {
        if (round < 0 || modelVersion < 0) {
            throw new IllegalArgumentException("round and model version must be >= 0, got " + round + ", "
                    + modelVersion);
        }
        strategyState = Map.copyOf(strategyState);
    }
}
