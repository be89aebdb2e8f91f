package io.flotilla.simulation.report;

/**
 * What one round of a run measured: one line of {@code rounds.csv}.
 *
 * @param round round number, from 1
 * @param accuracy centralised test accuracy after the round (NaN when not evaluated)
 * @param loss centralised test loss after the round (NaN when not evaluated)
 * @param participants clients whose update was accepted
 * @param dropped sampled clients that did not answer in time
 * @param rejected updates rejected by validation or verification
 * @param bytesUp bytes clients sent this round
 * @param bytesDown bytes the coordinator sent this round
 * @param paramsNonzero non-zero parameters of the global model after the round, or -1 when not measured
 * @param epsilon privacy spent so far (NaN without privacy accounting)
 * @param wallSeconds wall time of the round
 * @param federatedAccuracy federated evaluation of the model after the round: clients' local test accuracy
 *     weighted by examples (NaN when no federated evaluation ran or it fell short of its quorum)
 * @param federatedLoss the same for the loss
 * @param federatedAccuracyMin lowest accuracy of one client (NaN as above)
 * @param federatedAccuracyMedian median accuracy across the reporting clients (NaN as above)
 * @param federatedAccuracyMax highest accuracy of one client (NaN as above)
 * @param federatedClients clients whose report was folded, 0 when none ran
 * @param status how the round (attempt) ended: {@code completed} or {@code abandoned}
 * @param attempt which attempt at this round number: an abandoned attempt is retried under the same number
 */
public record RoundRecord(int round, double accuracy, double loss, int participants, int dropped, int rejected,
                          long bytesUp, long bytesDown, long paramsNonzero, double epsilon, double wallSeconds,
                          double federatedAccuracy, double federatedLoss, double federatedAccuracyMin,
                          double federatedAccuracyMedian, double federatedAccuracyMax, int federatedClients,
                          String status, int attempt) {

    static final String CSV_HEADER =
            "round,accuracy,loss,participants,dropped,rejected,bytes_up,bytes_down,params_nonzero,epsilon,wall_seconds,"
                    + "fed_accuracy,fed_loss,fed_accuracy_min,fed_accuracy_median,fed_accuracy_max,fed_clients,status,"
                    + "attempt";

    public RoundRecord {
        if (status == null || status.isEmpty() || attempt < 1) {
            throw new IllegalArgumentException("a round record needs a status and an attempt >= 1, got " + status
                    + ", " + attempt);
        }
    }

    /** A completed first attempt. */
    public RoundRecord(int round, double accuracy, double loss, int participants, int dropped, int rejected,
                       long bytesUp, long bytesDown, long paramsNonzero, double epsilon, double wallSeconds,
                       double federatedAccuracy, double federatedLoss, double federatedAccuracyMin,
                       double federatedAccuracyMedian, double federatedAccuracyMax, int federatedClients) {
        this(round, accuracy, loss, participants, dropped, rejected, bytesUp, bytesDown, paramsNonzero, epsilon,
                wallSeconds, federatedAccuracy, federatedLoss, federatedAccuracyMin, federatedAccuracyMedian,
                federatedAccuracyMax, federatedClients, "completed", 1);
    }

    /** A round without federated evaluation. */
    public RoundRecord(int round, double accuracy, double loss, int participants, int dropped, int rejected,
                       long bytesUp, long bytesDown, long paramsNonzero, double epsilon, double wallSeconds) {
        this(round, accuracy, loss, participants, dropped, rejected, bytesUp, bytesDown, paramsNonzero, epsilon,
                wallSeconds, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);
    }

    /** Whether this attempt completed (was aggregated). */
    public boolean completed() {
        return status.equals("completed");
    }

    /** Whether a federated evaluation with figures belongs to this round. */
    public boolean federated() {
        return !Double.isNaN(federatedAccuracy);
    }

    String toCsv() {
        return round + "," + num(accuracy) + "," + num(loss) + "," + participants + "," + dropped + "," + rejected
                + "," + bytesUp + "," + bytesDown + "," + (paramsNonzero < 0 ? "" : Long.toString(paramsNonzero))
                + "," + num(epsilon) + "," + num(wallSeconds) + "," + num(federatedAccuracy) + ","
                + num(federatedLoss) + "," + num(federatedAccuracyMin) + "," + num(federatedAccuracyMedian) + ","
                + num(federatedAccuracyMax) + "," + federatedClients + "," + status + "," + attempt;
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }
}
