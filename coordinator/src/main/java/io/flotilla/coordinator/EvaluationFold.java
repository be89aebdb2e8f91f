package io.flotilla.coordinator;

import java.util.Arrays;

/**
 * The pure arithmetic of federated evaluation: folds clients' (examples, loss, accuracy) reports and yields the
 * example-weighted mean loss and accuracy (Flower's {@code weighted_loss_avg}) and the spread of per-client accuracy.
 * Holds one accuracy per client for the median (a cohort's worth of doubles, never a model). Validation is the
 * caller's: {@link #add} only refuses what would corrupt the arithmetic.
 */
public final class EvaluationFold {
    private final double[] accuracies;
    private int count;
    private long examples;
    private double lossSum;
    private double accuracySum;

    /** A fold for at most {@code capacity} reports (the evaluation cohort's size). */
    public EvaluationFold(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must be >= 0, got " + capacity);
        }
        this.accuracies = new double[capacity];
    }

    /**
     * Adds one client's report.
     *
     * @throws IllegalArgumentException when {@code examples < 1}, the loss is not finite, the accuracy is outside
     *     [0, 1] or the fold is full
     */
    public void add(long examples, double loss, double accuracy) {
        if (examples < 1 || !Double.isFinite(loss) || !(accuracy >= 0 && accuracy <= 1)) {
            throw new IllegalArgumentException("report needs examples >= 1, a finite loss and accuracy in [0, 1]; got "
                    + examples + ", " + loss + ", " + accuracy);
        }
        if (count == accuracies.length) {
            throw new IllegalArgumentException("fold holds " + count + " reports, its capacity");
        }
        accuracies[count++] = accuracy;
        this.examples += examples;
        lossSum += loss * examples;
        accuracySum += accuracy * examples;
    }

    /** Reports folded so far. */
    public int count() {
        return count;
    }

    /** Examples behind the reports folded so far. */
    public long examples() {
        return examples;
    }

    /** Example-weighted mean loss, NaN when empty. */
    public double loss() {
        return examples == 0 ? Double.NaN : lossSum / examples;
    }

    /** Example-weighted mean accuracy, NaN when empty. */
    public double accuracy() {
        return examples == 0 ? Double.NaN : accuracySum / examples;
    }

    /** Lowest, median and highest per-client accuracy, unweighted (each client counts once); NaNs when empty. */
    public double[] accuracySpread() {
        if (count == 0) {
            return new double[] {Double.NaN, Double.NaN, Double.NaN};
        }
        double[] sorted = Arrays.copyOf(accuracies, count);
        Arrays.sort(sorted);
        int mid = count / 2;
        double median = count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        return new double[] {sorted[0], median, sorted[count - 1]};
    }

    /**
     * The evaluation's outcome: the figures when at least {@code quorum} (and at least one) reports were folded,
     * NaN figures otherwise; the counts always.
     */
    public FederatedEvaluation result(int round, long modelVersion, int cohort, int quorum, int declined,
                                      int rejected, int gone, CloseCause closedBy) {
        boolean met = count >= quorum && count > 0;
        double[] spread = met ? accuracySpread() : new double[] {Double.NaN, Double.NaN, Double.NaN};
        return new FederatedEvaluation(round, modelVersion, cohort, quorum, count, declined, rejected, gone,
                examples, met ? loss() : Double.NaN, met ? accuracy() : Double.NaN, spread[0], spread[1], spread[2],
                closedBy);
    }
}
