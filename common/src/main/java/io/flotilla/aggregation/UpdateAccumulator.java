package io.flotilla.aggregation;

/**
 * Receives a round's accepted client deltas one at a time, as they arrive.
 *
 * <p>Mean-based strategies fold each delta into a running sum, so a round's memory is O(model) whatever the
 * cohort size; strategies that need every update (median, Krum) buffer them and say so in
 * {@link Strategy#requiresIndividualUpdates()}. An accumulator is confined to one actor: not thread-safe.
 */
public interface UpdateAccumulator {

    /**
     * Adds one client's delta with its weight (usually its number of training examples). The caller has already
     * checked the delta's length and finiteness; the accumulator does not keep a reference to {@code delta}
     * unless its strategy requires individual updates.
     */
    void add(float[] delta, long weight);

    /** Number of deltas added so far. */
    int count();

    /** Sum of the weights added so far. */
    long totalWeight();
}
