package io.flotilla.nn;

import io.flotilla.data.Dataset;
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

    /** Evaluates {@code parameters} on {@code data} without changing them. */
    EvalResult evaluate(ParameterSet parameters, Dataset data);
}
