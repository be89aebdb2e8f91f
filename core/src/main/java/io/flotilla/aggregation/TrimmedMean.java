package io.flotilla.aggregation;

import java.util.Optional;

/**
 * Coordinate-wise trimmed mean (Yin et al. 2018): per coordinate, drop the {@code floor(beta * n)} smallest and as
 * many largest values and average the rest, unweighted like Flower's {@code FedTrimmedAvg}. Needs every update:
 * memory is {@code cohort x model} floats, bounded by {@code maxBufferedUpdates}; incompatible with secure
 * aggregation.
 */
public final class TrimmedMean extends BufferingStrategy {
    private final float beta;

    /**
     * @param beta fraction cut from each side, in [0, 0.5)
     * @param maxBufferedUpdates most deltas buffered in one round
     */
    public TrimmedMean(float beta, int maxBufferedUpdates) {
        super(maxBufferedUpdates);
        if (!(beta >= 0f && beta < 0.5f)) {
            throw new IllegalArgumentException("trimmed mean beta must be in [0, 0.5), got " + beta);
        }
        this.beta = beta;
    }

    @Override
    public String name() {
        return "trimmed_mean";
    }

    public float beta() {
        return beta;
    }

    /** Values cut from each side of a coordinate when {@code n} updates arrived. */
    public int trimCount(int n) {
        return (int) Math.floor((double) beta * n);
    }

    @Override
    Optional<float[]> reduce(BufferedUpdates updates) {
        int n = updates.count();
        float[] out = new float[updates.size()];
        RobustMath.trimmedMeanInto(updates.deltas(), n, trimCount(n), new float[n], out);
        return Optional.of(out);
    }
}
