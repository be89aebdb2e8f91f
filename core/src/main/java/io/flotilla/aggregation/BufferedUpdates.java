package io.flotilla.aggregation;

/**
 * An accumulator that keeps every delta of a round, for the robust strategies (median, trimmed mean, Krum) that
 * need all of them at once. Memory is {@code count x model} floats (4 bytes each) plus what the strategy needs on
 * top, so the number of buffered deltas is capped by configuration: adding one more than {@link #capacity()}
 * fails with a clear error instead of exhausting the heap.
 *
 * <p>Keeps a reference to each added array (allowed by {@link UpdateAccumulator#add}: this strategy requires
 * individual updates): the caller hands over ownership and must not modify the array afterwards. Confined to one
 * actor, not thread-safe.
 */
public final class BufferedUpdates extends CountingAccumulator {
    private final int size;
    private final float[][] deltas;
    private final long[] weights;

    /**
     * @param size length of every delta (the model's parameter count)
     * @param capacity maximum number of deltas, at least 1
     */
    public BufferedUpdates(int size, int capacity) {
        if (size < 1) {
            throw new IllegalArgumentException("delta size must be positive, got " + size);
        }
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.size = size;
        this.deltas = new float[capacity][];
        this.weights = new long[capacity];
    }

    @Override
    public void add(float[] delta, long weight) {
        UpdateAccumulator.checkDelta(size, delta, weight);
        int count = count();
        if (count == deltas.length) {
            throw new IllegalStateException("cannot buffer update " + (count + 1) + ": the robust strategy holds at most "
                    + deltas.length + " updates (maxBufferedUpdates); raise it or shrink the cohort");
        }
        deltas[count] = delta;
        weights[count] = weight;
        tally(1, weight);
    }

    /** Maximum number of deltas this buffer accepts. */
    public int capacity() {
        return deltas.length;
    }

    /** Length of every delta. */
    public int size() {
        return size;
    }

    /** The buffered deltas; entries {@code [0, count())} are set. Read-only by contract (hot path, no copy). */
    float[][] deltas() {
        return deltas;
    }

    /** The buffered weights; entries {@code [0, count())} are set. Read-only by contract. */
    long[] weights() {
        return weights;
    }
}
