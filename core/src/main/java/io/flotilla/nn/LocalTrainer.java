package io.flotilla.nn;

import io.flotilla.data.Dataset;
import io.flotilla.fit.TrainConfig;
import io.flotilla.model.ParameterSet;

/**
 * Trains a model on local data: the seam where other engines (DJL, DL4J) can be plugged in.
 *
 * <p>Implementations must not modify {@code initial}, must return parameters of the same layout, and must be
 * deterministic for a given seed when run single-threaded.
 */
public interface LocalTrainer {

    /** Trains from {@code initial} on {@code data}. */
    TrainResult train(ParameterSet initial, Dataset data, TrainConfig config, long seed);

    /**
     * Trains from {@code initial} with the entries {@code mask} prunes held at zero. The default trains densely
     * and zeroes the pruned entries of the result (a trainer whose optimizer can revive a pruned weight between
     * steps should override this, as {@link NeuralTrainer} does, to mask after every step).
     */
    default TrainResult train(ParameterSet initial, Dataset data, TrainConfig config, long seed,
                              io.flotilla.model.ParameterMask mask) {
        TrainResult r = train(initial, data, config, seed);
        mask.applyInPlace(r.parameters());
        return r;
    }

    /** Evaluates {@code parameters} on {@code data} without changing them. */
    EvalResult evaluate(ParameterSet parameters, Dataset data);
}
