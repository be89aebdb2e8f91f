package io.flotilla.aggregation;

/**
 * The bookkeeping every accumulator shares: how many deltas it has taken and the sum of their weights. A
 * subclass folds or keeps each delta its own way and then calls {@link #tally}; {@link #count()} and
 * {@link #totalWeight()} are answered here, once. Confined to one actor, like every accumulator.
 */
public abstract class CountingAccumulator implements UpdateAccumulator {
    private int count;
    private long totalWeight;

    /** For subclasses; starts at no deltas and weight 0. */
    protected CountingAccumulator() {
    }

    /** Records {@code deltas} more deltas of total weight {@code weight}; call once the deltas are taken. */
    protected final void tally(int deltas, long weight) {
        count += deltas;
        totalWeight += weight;
    }

    @Override
    public final int count() {
        return count;
    }

    @Override
    public final long totalWeight() {
        return totalWeight;
    }
}
