package io.flotilla.aggregation;

import io.flotilla.fit.TrainConfig;
import io.flotilla.model.ModelLayout;
import io.flotilla.model.ParameterSet;
import java.util.Map;
import java.util.Optional;

/**
 * How the coordinator turns a round's client deltas into the next global model, in the spirit of Flower's
 * strategies: a few small hooks, no actor runtime, failures as ordinary input.
 *
 * <p>The round loop calls {@link #newAccumulator} when a round opens, feeds every accepted delta into it, then
 * calls {@link #aggregateFit}. A strategy with server state (momentum, Adam moments) exposes it through
 * {@link #state()} so that checkpoints can restore it.
 */
public interface Strategy {

    /** Short name for logs, reports and configuration ({@code fedavg}, {@code fedadam}, ...). */
    String name();

    /** The starting global model; most strategies return {@code initial} unchanged. */
    default ParameterSet initialize(ParameterSet initial) {
        return initial;
    }

    /**
     * The training hyperparameters sent to the cohort of {@code round}, from the configured {@code base}; most
     * strategies return {@code base} unchanged (FedProx sets the proximal term).
     */
    default TrainConfig configureFit(int round, TrainConfig base) {
        return base;
    }

    /** A fresh accumulator for one round's deltas. */
    UpdateAccumulator newAccumulator(ModelLayout layout);

    /**
     * The next global model from {@code global} and the round's accepted deltas, or empty to keep {@code global}
     * (for example when no delta arrived). Must not modify {@code global}.
     */
    Optional<ParameterSet> aggregateFit(int round, ParameterSet global, UpdateAccumulator updates);

    /** True when {@link #newAccumulator} keeps every delta (memory O(cohort x model)); false when it streams. */
    default boolean requiresIndividualUpdates() {
        return false;
    }

    /** Server-side state to checkpoint, by name; empty for stateless strategies. */
    default Map<String, float[]> state() {
        return Map.of();
    }

    /** Restores what {@link #state()} returned. */
    default void restoreState(Map<String, float[]> state) {
        if (!state.isEmpty()) {
            throw new IllegalArgumentException(name() + " has no state, got " + state.keySet());
        }
    }
}
