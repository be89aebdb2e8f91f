package io.flotilla.privacy;

import io.flotilla.aggregation.CountingAccumulator;
import io.flotilla.aggregation.UpdateAccumulator;

/**
 * The accumulator of DP-FedAvg: a running, unweighted sum of deltas, each scaled to L2 norm at most the clipping
 * norm as it arrives, in {@code double}. Counts how many deltas were within the norm before clipping (the signal
 * adaptive clipping needs). Memory is one model; the caller's arrays are neither kept nor modified.
 *
 * <p>Weights (example counts) are recorded in {@link #totalWeight()} but do not weight the sum: weighting by
 * example counts would let one client with many examples move the sum by more than the clipping norm, so the
 * sensitivity the noise is calibrated to would no longer hold. With no clipping norm (client-side noise, where
 * clients clip before adding their noise) deltas are summed as they are.
 */
public final class ClippedSum extends CountingAccumulator {
    private final double[] sum;
    private final double clipNorm;
    private int unclipped;

    /** A sum that clips each delta to {@code clipNorm}. */
    public ClippedSum(int size, double clipNorm) {
        L2Clipping.checkMaxNorm(clipNorm);
        this.sum = new double[size];
        this.clipNorm = clipNorm;
    }

    /** A sum that does not clip (clients have already clipped and noised). */
    public static ClippedSum unclipped(int size) {
        return new ClippedSum(size);
    }

    private ClippedSum(int size) {
        this.sum = new double[size];
        this.clipNorm = Double.POSITIVE_INFINITY;
    }

    @Override
    public void add(float[] delta, long weight) {
        UpdateAccumulator.checkDelta(sum.length, delta, weight);
        double norm = L2Clipping.norm(delta);
        if (!Double.isFinite(norm)) {
            throw new IllegalArgumentException("delta has a non-finite L2 norm: " + norm);
        }
        double factor = norm > clipNorm ? clipNorm / norm : 1.0;
        for (int i = 0; i < sum.length; i++) {
            sum[i] += factor * delta[i];
        }
        if (norm <= clipNorm) {
            unclipped++;
        }
        tally(1, weight);
    }

    /**
     * Adds a secure aggregation sum of deltas the clients clipped and noised themselves (client-side DP, which
     * sums unweighted: each client put in weight 1). Refused when this sum clips on the server: the coordinator
     * cannot clip deltas it never sees.
     */
    @Override
    public void addSum(float[] unweightedSum, long weight, int contributors) {
        if (clipNorm != Double.POSITIVE_INFINITY) {
            throw new UnsupportedOperationException("server-side clipping needs individual deltas; it cannot take"
                    + " a secure aggregation sum (use client-side DP with security = secagg)");
        }
        UpdateAccumulator.checkSum(sum.length, unweightedSum, weight, contributors);
        for (int i = 0; i < sum.length; i++) {
            sum[i] += unweightedSum[i];
        }
        unclipped += contributors;
        tally(contributors, weight);
    }

    /** Deltas whose norm was at most the clipping norm before clipping. */
    public int unclippedCount() {
        return unclipped;
    }

    /** The clipping norm ({@code +Infinity} when not clipping). */
    public double clipNorm() {
        return clipNorm;
    }

    /** A copy of the running sum. */
    public double[] sum() {
        return sum.clone();
    }
}
