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

    /**
     * Adds the already summed deltas of {@code contributors} clients: {@code weightedSum} is the sum of
     * weight x delta and {@code totalWeight} the sum of their weights. Secure aggregation hands the strategy only
     * this sum, never an individual delta; {@link #count()} then grows by {@code contributors}. Accumulators that
     * need individual deltas (robust strategies) or transform each delta (server-side clipping) refuse.
     *
     * @throws UnsupportedOperationException when this accumulator needs individual deltas
     */
    default void addSum(float[] weightedSum, long totalWeight, int contributors) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " needs individual deltas; it cannot "
                + "take a secure aggregation sum (use a mean-based strategy with security = secagg)");
    }

    /** Number of deltas added so far. */
    int count();

    /** Sum of the weights added so far. */
    long totalWeight();

    /**
     * Checks the arguments of {@link #add}: one place for the message every accumulator gives.
     *
     * @throws IllegalArgumentException when {@code delta} does not hold {@code size} values or {@code weight} is not
     *     positive
     */
    static void checkDelta(int size, float[] delta, long weight) {
        if (delta.length != size) {
            throw new IllegalArgumentException("delta has " + delta.length + " values, expected " + size);
        }
        if (weight <= 0) {
            throw new IllegalArgumentException("weight must be positive, got " + weight);
        }
    }

    /**
     * Checks the arguments of {@link #addSum}: one place for the message every summing accumulator gives.
     *
     * @throws IllegalArgumentException when {@code sum} does not hold {@code size} values, or the total weight or
     *     the number of contributors is not positive
     */
    static void checkSum(int size, float[] sum, long totalWeight, int contributors) {
        if (sum.length != size) {
            throw new IllegalArgumentException("sum has " + sum.length + " values, expected " + size);
        }
        if (totalWeight <= 0 || contributors < 1) {
            throw new IllegalArgumentException("total weight and contributors must be positive, got " + totalWeight
                    + " and " + contributors);
        }
    }
}
