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
 */
public record RoundRecord(int round, double accuracy, double loss, int participants, int dropped, int rejected,
                          long bytesUp, long bytesDown, long paramsNonzero, double epsilon, double wallSeconds) {

    static final String CSV_HEADER =
            "round,accuracy,loss,participants,dropped,rejected,bytes_up,bytes_down,params_nonzero,epsilon,wall_seconds";

    String toCsv() {
        return round + "," + num(accuracy) + "," + num(loss) + "," + participants + "," + dropped + "," + rejected
                + "," + bytesUp + "," + bytesDown + "," + (paramsNonzero < 0 ? "" : Long.toString(paramsNonzero)) + "," + num(epsilon) + "," + num(wallSeconds);
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }
}
