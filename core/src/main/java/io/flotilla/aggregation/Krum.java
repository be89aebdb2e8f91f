package io.flotilla.aggregation;

import java.util.Optional;

/**
 * Krum and Multi-Krum (Blanchard et al. 2017), as in Flower's {@code aggregate_krum}: each delta is scored by the
 * sum of squared distances to its {@code n - f - 2} nearest other deltas; Krum returns the delta with the lowest
 * score, Multi-Krum the example-weighted mean of the {@code m} lowest.
 *
 * <p>The guarantee needs {@code n > 2f + 2} updates: a round that closes with fewer keeps the global model
 * (returns empty), and {@link Strategies#checkCompatible} refuses configurations whose cohort or quorum cannot
 * reach it. Needs every update: memory is {@code cohort x model} floats for the buffer (bounded by
 * {@code maxBufferedUpdates}) plus an {@code n x n} distance matrix; incompatible with secure aggregation.
 */
public final class Krum extends BufferingStrategy {
    private final int byzantine;
    private final int selected;

    /**
     * @param byzantine assumed number of Byzantine clients f, non-negative
     * @param selected m, deltas averaged: 1 is Krum, more is Multi-Krum
     * @param maxBufferedUpdates most deltas buffered in one round
     */
    public Krum(int byzantine, int selected, int maxBufferedUpdates) {
        super(maxBufferedUpdates);
        if (byzantine < 0) {
            throw new IllegalArgumentException("Krum's byzantine count f must be non-negative, got " + byzantine);
        }
        if (selected < 1) {
            throw new IllegalArgumentException("Krum must select at least 1 update, got " + selected);
        }
        this.byzantine = byzantine;
        this.selected = selected;
    }

    @Override
    public String name() {
        return selected == 1 ? "krum" : "multikrum";
    }

    public int byzantine() {
        return byzantine;
    }

    public int selected() {
        return selected;
    }

    /** Fewest updates a round needs: {@code max(2f + 3, m)}, i.e. {@code n > 2f + 2} and room for m. */
    public int minimumUpdates() {
        return Math.max(2 * byzantine + 3, selected);
    }

    @Override
    Optional<float[]> reduce(BufferedUpdates updates) {
        int n = updates.count();
        if (n < minimumUpdates()) {
            return Optional.empty();
        }
        double[] dist = new double[n * n];
        RobustMath.squaredDistancesInto(updates.deltas(), n, dist);
        double[] scores = new double[n];
        RobustMath.krumScoresInto(dist, n, byzantine, scores);
        int[] best = RobustMath.lowestScores(scores, n, selected);
        float[] out = new float[updates.size()];
        RobustMath.weightedMeanInto(updates.deltas(), updates.weights(), best, out);
        return Optional.of(out);
    }
}
