package io.flotilla.coordinator;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one round did, as appended to the metrics file and sent to observers.
 *
 * @param round round number
 * @param status {@code completed} (aggregated), {@code abandoned} (short of quorum, global model kept) or
 *     {@code stopped} (the round was not run and training ended; {@code closedBy} says why)
 * @param closedBy {@code all-answered}, {@code deadline} or {@code quorum-unreachable} ({@code secagg-unmasked} or
 *     {@code secagg-failed} under secure aggregation); for a stopped round the
 *     reason, e.g. {@code privacy-budget}
 * @param modelVersion global model version after the round
 * @param cohort clients sampled
 * @param quorum accepted updates the round needed
 * @param participants updates accepted and aggregated
 * @param refused clients that declined the instruction
 * @param gone cohort members that left the cluster during the round
 * @param rejected rejected updates of this round, by {@link io.flotilla.wire.protocol.RejectReason#key()}
 * @param rejectedOutsideRound updates rejected since the previous line because their round was not open (late,
 *     stale)
 * @param accuracy centralised test accuracy after the round, NaN when not evaluated
 * @param loss centralised test loss after the round, NaN when not evaluated
 * @param federatedAccuracy clients' local test accuracy of the round's starting model, weighted by examples, as the
 *     training cohort reports it alongside its updates
 * @param federatedLoss clients' local test loss of the round's starting model, weighted by examples (idem)
 * @param federatedExamples examples behind those two figures (0: none reported)
 * @param bytesDown parameter bytes the cohort had to fetch
 * @param bytesUp update payload bytes fetched from clients
 * @param wallSeconds from the round's start to its metrics
 * @param trainSecondsMax longest local training time among accepted updates (as the clients report it)
 * @param trainSecondsSum total local training time of accepted updates
 * @param paramsNonzero non-zero parameters of the global model after the round, -1 when not counted
 * @param weightsNonzero non-zero entries of weight tensors after the round, -1 when not counted
 * @param epsilon cumulative epsilon of the run's differential privacy after the round, NaN without DP
 * @param exampleEpsilon record-level epsilon of example-level DP-SGD after the round, for the worst client; NaN
 *     without DP-SGD (written to JSON as {@code example_epsilon} only when present)
 * @param federatedEvaluation the federated evaluation of the model aggregated in this round (its own cohort, after
 *     aggregation), or null when none ran (written to JSON as {@code federated_evaluation} only when present)
 */
public record RoundMetrics(int round, String status, String closedBy, long modelVersion, int cohort, int quorum,
                           int participants, int refused, int gone, Map<String, Integer> rejected,
                           Map<String, Integer> rejectedOutsideRound, double accuracy, double loss,
                           double federatedAccuracy, double federatedLoss, long federatedExamples, long bytesDown,
                           long bytesUp, double wallSeconds, double trainSecondsMax, double trainSecondsSum,
                           long paramsNonzero, long weightsNonzero, double epsilon, double exampleEpsilon,
                           FederatedEvaluation federatedEvaluation) {

    /** Metrics without a federated evaluation. */
    public RoundMetrics(int round, String status, String closedBy, long modelVersion, int cohort, int quorum,
                        int participants, int refused, int gone, Map<String, Integer> rejected,
                        Map<String, Integer> rejectedOutsideRound, double accuracy, double loss,
                        double federatedAccuracy, double federatedLoss, long federatedExamples, long bytesDown,
                        long bytesUp, double wallSeconds, double trainSecondsMax, double trainSecondsSum,
                        long paramsNonzero, long weightsNonzero, double epsilon, double exampleEpsilon) {
        this(round, status, closedBy, modelVersion, cohort, quorum, participants, refused, gone, rejected,
                rejectedOutsideRound, accuracy, loss, federatedAccuracy, federatedLoss, federatedExamples, bytesDown,
                bytesUp, wallSeconds, trainSecondsMax, trainSecondsSum, paramsNonzero, weightsNonzero, epsilon,
                exampleEpsilon, null);
    }

    /** Metrics without a DP-SGD figure. */
    public RoundMetrics(int round, String status, String closedBy, long modelVersion, int cohort, int quorum,
                        int participants, int refused, int gone, Map<String, Integer> rejected,
                        Map<String, Integer> rejectedOutsideRound, double accuracy, double loss,
                        double federatedAccuracy, double federatedLoss, long federatedExamples, long bytesDown,
                        long bytesUp, double wallSeconds, double trainSecondsMax, double trainSecondsSum,
                        long paramsNonzero, long weightsNonzero, double epsilon) {
        this(round, status, closedBy, modelVersion, cohort, quorum, participants, refused, gone, rejected,
                rejectedOutsideRound, accuracy, loss, federatedAccuracy, federatedLoss, federatedExamples, bytesDown,
                bytesUp, wallSeconds, trainSecondsMax, trainSecondsSum, paramsNonzero, weightsNonzero, epsilon,
                Double.NaN);
    }

    public RoundMetrics {
        rejected = Map.copyOf(rejected);
        rejectedOutsideRound = Map.copyOf(rejectedOutsideRound);
    }

    /** Metrics without sparsity counts or privacy figures. */
    public RoundMetrics(int round, String status, String closedBy, long modelVersion, int cohort, int quorum,
                        int participants, int refused, int gone, Map<String, Integer> rejected,
                        Map<String, Integer> rejectedOutsideRound, double accuracy, double loss,
                        double federatedAccuracy, double federatedLoss, long federatedExamples, long bytesDown,
                        long bytesUp, double wallSeconds, double trainSecondsMax, double trainSecondsSum) {
        this(round, status, closedBy, modelVersion, cohort, quorum, participants, refused, gone, rejected,
                rejectedOutsideRound, accuracy, loss, federatedAccuracy, federatedLoss, federatedExamples, bytesDown,
                bytesUp, wallSeconds, trainSecondsMax, trainSecondsSum, -1, -1, Double.NaN);
    }

    /** Total rejected updates of this round. */
    public int rejectedTotal() {
        int n = 0;
        for (int v : rejected.values()) {
            n += v;
        }
        return n;
    }

    /** One JSON object, keys in a fixed order, NaN written as {@code null}. */
    public String toJson() {
        StringBuilder b = new StringBuilder(320);
        b.append("{\"round\":").append(round)
                .append(",\"status\":\"").append(status).append('"')
                .append(",\"closed_by\":\"").append(closedBy).append('"')
                .append(",\"model_version\":").append(modelVersion)
                .append(",\"cohort\":").append(cohort)
                .append(",\"quorum\":").append(quorum)
                .append(",\"participants\":").append(participants)
                .append(",\"refused\":").append(refused)
                .append(",\"gone\":").append(gone)
                .append(",\"rejected\":");
        map(b, rejected);
        b.append(",\"rejected_outside_round\":");
        map(b, rejectedOutsideRound);
        b.append(",\"accuracy\":").append(num(accuracy))
                .append(",\"loss\":").append(num(loss))
                .append(",\"federated_accuracy\":").append(num(federatedAccuracy))
                .append(",\"federated_loss\":").append(num(federatedLoss))
                .append(",\"federated_examples\":").append(federatedExamples)
                .append(",\"bytes_down\":").append(bytesDown)
                .append(",\"bytes_up\":").append(bytesUp)
                .append(",\"wall_seconds\":").append(num(wallSeconds))
                .append(",\"train_seconds_max\":").append(num(trainSecondsMax))
                .append(",\"train_seconds_sum\":").append(num(trainSecondsSum))
                .append(",\"params_nonzero\":").append(paramsNonzero)
                .append(",\"weights_nonzero\":").append(weightsNonzero)
                .append(",\"epsilon\":").append(num(epsilon));
        if (Double.isFinite(exampleEpsilon)) {
            b.append(",\"example_epsilon\":").append(num(exampleEpsilon));
        }
        if (federatedEvaluation != null) {
            FederatedEvaluation f = federatedEvaluation;
            b.append(",\"federated_evaluation\":{\"cohort\":").append(f.cohort())
                    .append(",\"quorum\":").append(f.quorum())
                    .append(",\"clients\":").append(f.clients())
                    .append(",\"declined\":").append(f.declined())
                    .append(",\"rejected\":").append(f.rejected())
                    .append(",\"gone\":").append(f.gone())
                    .append(",\"examples\":").append(f.examples())
                    .append(",\"loss\":").append(num(f.loss()))
                    .append(",\"accuracy\":").append(num(f.accuracy()))
                    .append(",\"accuracy_min\":").append(num(f.accuracyMin()))
                    .append(",\"accuracy_median\":").append(num(f.accuracyMedian()))
                    .append(",\"accuracy_max\":").append(num(f.accuracyMax()))
                    .append(",\"closed_by\":\"").append(f.closedBy()).append("\"}");
        }
        b.append('}');
        return b.toString();
    }

    private static void map(StringBuilder b, Map<String, Integer> m) {
        b.append('{');
        boolean first = true;
        for (Map.Entry<String, Integer> e : new TreeMap<>(m).entrySet()) {
            if (!first) {
                b.append(',');
            }
            first = false;
            b.append('"').append(e.getKey()).append("\":").append(e.getValue());
        }
        b.append('}');
    }

    private static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6g", v) : "null";
    }
}
