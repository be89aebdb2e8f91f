package io.flotilla.aggregation;

import io.flotilla.model.ModelLayout;
import io.flotilla.model.ParameterSet;
import java.util.Optional;

/**
 * Shared wiring of the robust strategies: buffer the round's deltas (bounded by {@code maxBufferedUpdates}),
 * reduce them to one robust delta, and add it to the global model. Stateless across rounds.
 */
abstract class BufferingStrategy implements Strategy {
    private final int maxBufferedUpdates;

    BufferingStrategy(int maxBufferedUpdates) {
        if (maxBufferedUpdates < 1) {
            throw new IllegalArgumentException("maxBufferedUpdates must be at least 1, got " + maxBufferedUpdates);
        }
        this.maxBufferedUpdates = maxBufferedUpdates;
    }

    /** The robust delta of the buffered updates, or empty to keep the global model. */
    abstract Optional<float[]> reduce(BufferedUpdates updates);

    public final int maxBufferedUpdates() {
        return maxBufferedUpdates;
    }

    @Override
    public final boolean requiresIndividualUpdates() {
        return true;
    }

    @Override
    public final UpdateAccumulator newAccumulator(ModelLayout layout) {
        return new BufferedUpdates(layout.totalSize(), maxBufferedUpdates);
    }

    @Override
    public final Optional<ParameterSet> aggregateFit(int round, ParameterSet global, UpdateAccumulator updates) {
        if (!(updates instanceof BufferedUpdates buffered)) {
            throw new IllegalArgumentException(name() + " needs the accumulator it created, got " + updates.getClass());
        }
        if (buffered.size() != global.size()) {
            throw new IllegalArgumentException(
                    "buffered deltas have " + buffered.size() + " values, global model has " + global.size());
        }
        if (buffered.count() == 0) {
            return Optional.empty();
        }
        Optional<float[]> delta = reduce(buffered);
        if (delta.isEmpty()) {
            return Optional.empty();
        }
        float[] next = global.values().clone();
        float[] d = delta.get();
        for (int i = 0; i < next.length; i++) {
            next[i] += d[i];
        }
        return Optional.of(ParameterSet.wrap(global.layout(), next));
    }
}
