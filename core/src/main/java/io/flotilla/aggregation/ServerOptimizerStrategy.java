package io.flotilla.aggregation;

import io.flotilla.model.ModelLayout;
import io.flotilla.model.ParameterSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Shared wiring of the strategies that stream deltas into a {@link WeightedSum} and then run a server optimizer
 * over the mean delta: holds the optimizer's named state vectors (allocated on the first aggregated round) and
 * round-trips them through {@link #state()} and {@link #restoreState}. Subclasses only call a kernel of
 * {@link ServerOptimizerMath}.
 */
abstract class ServerOptimizerStrategy implements Strategy {
    private final List<String> stateNames;
    private float[][] stateVectors;

    ServerOptimizerStrategy(List<String> stateNames) {
        this.stateNames = List.copyOf(stateNames);
    }

    /** Applies one optimizer step to {@code params} (a fresh copy of the global model) from the mean delta. */
    abstract void step(int round, float[] params, float[] meanDelta, float[][] state);

    @Override
    public final UpdateAccumulator newAccumulator(ModelLayout layout) {
        return new WeightedSum(layout.totalSize());
    }

    @Override
    public final Optional<ParameterSet> aggregateFit(int round, ParameterSet global, UpdateAccumulator updates) {
        if (!(updates instanceof WeightedSum sum)) {
            throw new IllegalArgumentException(name() + " needs the accumulator it created, got " + updates.getClass());
        }
        if (sum.count() == 0) {
            return Optional.empty();
        }
        float[] mean = sum.mean();
        if (mean.length != global.size()) {
            throw new IllegalArgumentException(
                    "mean delta has " + mean.length + " values, global model has " + global.size());
        }
        if (stateVectors == null) {
            stateVectors = new float[stateNames.size()][global.size()];
        } else if (stateVectors[0].length != global.size()) {
            throw new IllegalStateException(name() + " state has " + stateVectors[0].length
                    + " values per vector, global model has " + global.size());
        }
        float[] params = global.values().clone();
        step(round, params, mean, stateVectors);
        return Optional.of(ParameterSet.wrap(global.layout(), params));
    }

    /** Copies of the state vectors by name; empty before the first aggregated round. */
    @Override
    public final Map<String, float[]> state() {
        if (stateVectors == null) {
            return Map.of();
        }
        Map<String, float[]> out = new LinkedHashMap<>();
        for (int i = 0; i < stateNames.size(); i++) {
            out.put(stateNames.get(i), stateVectors[i].clone());
        }
        return out;
    }

    /** Restores copies of what {@link #state()} returned; an empty map resets to the initial (zero) state. */
    @Override
    public final void restoreState(Map<String, float[]> state) {
        if (state.isEmpty()) {
            stateVectors = null;
            return;
        }
        if (!state.keySet().equals(new java.util.HashSet<>(stateNames))) {
            throw new IllegalArgumentException(name() + " state needs " + stateNames + ", got " + state.keySet());
        }
        float[][] restored = new float[stateNames.size()][];
        for (int i = 0; i < stateNames.size(); i++) {
            float[] v = state.get(stateNames.get(i));
            if (v == null || v.length != state.get(stateNames.get(0)).length) {
                throw new IllegalArgumentException(name() + " state vector " + stateNames.get(i) + " has "
                        + (v == null ? "no" : v.length) + " values, " + stateNames.get(0) + " has "
                        + state.get(stateNames.get(0)).length);
            }
            restored[i] = v.clone();
        }
        stateVectors = restored;
    }

    static float requireFinite(String what, float value) {
        if (!Float.isFinite(value)) {
            throw new IllegalArgumentException(what + " must be finite, got " + value);
        }
        return value;
    }

    static float requireRange(String what, float value, float lowInclusive, float highExclusive) {
        if (!(value >= lowInclusive && value < highExclusive)) {
            throw new IllegalArgumentException(
                    what + " must be in [" + lowInclusive + ", " + highExclusive + "), got " + value);
        }
        return value;
    }

    static float requirePositive(String what, float value) {
        if (!(value > 0) || !Float.isFinite(value)) {
            throw new IllegalArgumentException(what + " must be positive and finite, got " + value);
        }
        return value;
    }
}
