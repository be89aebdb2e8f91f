package io.flotilla.wire.protocol;

/**
 * The aggregate figures a client reports with its update (or masked input): how local training went and how the
 * round's starting model did on its local test split. Aggregates only: no per-example data leaves the client.
 *
 * <p>A figure the client did not measure is absent: {@code NaN} for the real-valued figures, {@code 0} for
 * {@code evalExamples} (no local evaluation), {@code -1} for {@code secAggClipped} (not a secure aggregation
 * round). The coordinator uses the evaluation only when {@link #hasEvaluation()}.
 *
 * @param trainLoss mean training loss of the local epochs
 * @param trainAccuracy training accuracy of the local epochs, in [0, 1]
 * @param trainSeconds wall time of local training
 * @param evalExamples examples of the local test split the starting model was evaluated on (0: not evaluated)
 * @param evalLoss the starting model's loss on them
 * @param evalAccuracy the starting model's accuracy on them, in [0, 1]
 * @param deltaNorm L2 norm of the delta before client-side differential privacy clipped it
 * @param secAggClipped values the secure aggregation encoding clipped into its range
 */
public record ClientReport(double trainLoss, double trainAccuracy, double trainSeconds, long evalExamples,
                           double evalLoss, double evalAccuracy, double deltaNorm, int secAggClipped) {

    /** A report with every figure absent. */
    public static final ClientReport NONE = new ClientReport(Double.NaN, Double.NaN, Double.NaN, 0, Double.NaN,
            Double.NaN, Double.NaN, -1);

    public ClientReport {
        if (evalExamples < 0) {
            throw new IllegalArgumentException("evalExamples must be >= 0 (0: not evaluated), got " + evalExamples);
        }
        if (secAggClipped < -1) {
            throw new IllegalArgumentException("secAggClipped must be >= -1 (-1: absent), got " + secAggClipped);
        }
    }

    /** The training figures of a round, without evaluation, norm or clipping count. */
    public static ClientReport trained(double loss, double accuracy, double seconds) {
        return new ClientReport(loss, accuracy, seconds, 0, Double.NaN, Double.NaN, Double.NaN, -1);
    }

    /** This report with the starting model's local evaluation. */
    public ClientReport withEvaluation(long examples, double loss, double accuracy) {
        return new ClientReport(trainLoss, trainAccuracy, trainSeconds, examples, loss, accuracy, deltaNorm,
                secAggClipped);
    }

    /** This report with the delta's norm before clipping. */
    public ClientReport withDeltaNorm(double norm) {
        return new ClientReport(trainLoss, trainAccuracy, trainSeconds, evalExamples, evalLoss, evalAccuracy, norm,
                secAggClipped);
    }

    /** This report with the secure aggregation clipping count. */
    public ClientReport withSecAggClipped(int clipped) {
        return new ClientReport(trainLoss, trainAccuracy, trainSeconds, evalExamples, evalLoss, evalAccuracy,
                deltaNorm, clipped);
    }

    /** Whether the report holds a usable local evaluation: examples, a finite loss and an accuracy in [0, 1]. */
    public boolean hasEvaluation() {
        return evalExamples > 0 && Double.isFinite(evalLoss) && evalAccuracy >= 0 && evalAccuracy <= 1;
    }

    /** Whether the report holds a usable training time (finite, not negative). */
    public boolean hasTrainSeconds() {
        return Double.isFinite(trainSeconds) && trainSeconds >= 0;
    }
}
