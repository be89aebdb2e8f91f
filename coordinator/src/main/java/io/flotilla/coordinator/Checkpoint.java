package io.flotilla.coordinator;

import io.flotilla.model.ParameterSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
 * @param privacy the privacy ledgers by name ({@link #CLIENT_LEVEL} for DP-FedAvg; {@code example-level/ID} for a
 *     client's DP-SGD), each oldest release first; empty without differential privacy
 */
public record Checkpoint(int round, long modelVersion, long rngState, ParameterSet parameters,
                         Map<String, float[]> strategyState, String config, Map<String, List<LedgerEntry>> privacy) {

    /** Name of the client-level (DP-FedAvg) ledger in {@link #privacy()}. */
    public static final String CLIENT_LEVEL = "client-level";

    /** A checkpoint without privacy ledgers. */
    public Checkpoint(int round, long modelVersion, long rngState, ParameterSet parameters,
                      Map<String, float[]> strategyState, String config) {
        this(round, modelVersion, rngState, parameters, strategyState, config, Map.of());
    }

    public Checkpoint {
        if (round < 0 || modelVersion < 0) {
            throw new IllegalArgumentException("round and model version must be >= 0, got " + round + ", "
                    + modelVersion);
        }
        strategyState = Map.copyOf(strategyState);
        Map<String, List<LedgerEntry>> ledgers = new TreeMap<>();
        privacy.forEach((name, entries) -> {
            for (int i = 1; i < entries.size(); i++) {
                if (entries.get(i).round() <= entries.get(i - 1).round()) {
                    throw new IllegalArgumentException("privacy ledger " + name + ": round " + entries.get(i).round()
                            + " after round " + entries.get(i - 1).round());
                }
            }
            if (!entries.isEmpty() && entries.get(entries.size() - 1).round() > round) {
                throw new IllegalArgumentException("privacy ledger " + name + " records round "
                        + entries.get(entries.size() - 1).round() + " in a checkpoint of round " + round);
            }
            ledgers.put(name, List.copyOf(entries));
        });
        privacy = java.util.Collections.unmodifiableMap(ledgers);
    }
}
