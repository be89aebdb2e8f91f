package io.flotilla.coordinator;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one round did, as appended to the metrics file and sent to observers. Built through the named factories
 * ({@link #completed}, {@link #abandoned}, {@link #skipped}, {@link #stopped}); the canonical constructor is for
 * decoders.
 *
 * @param round round number
 * @param status how the round ended
 * @param closedBy why it closed; for a round not run, why not
 * @param modelVersion global model version after the round
 * @param cohort clients sampled
 * @param quorum accepted updates the round needed
 * @param participants updates accepted and aggregated
 * @param refused clients that declined the instruction
 * @param gone cohort members that left the cluster during the round
 * @param rejected rejected updates of this round, by {@link io.flotilla.wire.RejectReason#key()}
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
 * @param attempt which attempt at this round number the line describes: 1, or more when earlier attempts were
 *     abandoned and the round was retried (docs/rounds.md)
 */
public record RoundMetrics(int round, RoundStatus status, CloseCause closedBy, long modelVersion, int cohort,
                           int quorum, int participants, int refused, int gone, Map<String, Integer> rejected,
                           Map<String, Integer> rejectedOutsideRound, double accuracy, double loss,
                           double federatedAccuracy, double federatedLoss, long federatedExamples, long bytesDown,
                           long bytesUp, double wallSeconds, double trainSecondsMax, double trainSecondsSum,
                           long paramsNonzero, long weightsNonzero, double epsilon, double exampleEpsilon,
                           FederatedEvaluation federatedEvaluation, int attempt) {

    /** Metrics of a first attempt (for decoders of formats that do not carry the attempt). */
    public RoundMetrics(int round, RoundStatus status, CloseCause closedBy, long modelVersion, int cohort, int quorum,
                        int participants, int refused, int gone, Map<String, Integer> rejected,
                        Map<String, Integer> rejectedOutsideRound, double accuracy, double loss,
                        double federatedAccuracy, double federatedLoss, long federatedExamples, long bytesDown,
                        long bytesUp, double wallSeconds, double trainSecondsMax, double trainSecondsSum,
                        long paramsNonzero, long weightsNonzero, double epsilon, double exampleEpsilon,
                        FederatedEvaluation federatedEvaluation) {
        this(round, status, closedBy, modelVersion, cohort, quorum, participants, refused, gone, rejected,
                rejectedOutsideRound, accuracy, loss, federatedAccuracy, federatedLoss, federatedExamples, bytesDown,
                bytesUp, wallSeconds, trainSecondsMax, trainSecondsSum, paramsNonzero, weightsNonzero, epsilon,
                exampleEpsilon, federatedEvaluation, 1);
    }

    /** Metrics without a federated evaluation (for decoders of formats that do not carry one). */
    public RoundMetrics(int round, RoundStatus status, CloseCause closedBy, long modelVersion, int cohort, int quorum,
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

    public RoundMetrics {
        if (status == null || closedBy == null) {
            throw new IllegalArgumentException("status and closedBy are required");
        }
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be at least 1, got " + attempt);
        }
        rejected = Map.copyOf(rejected);
        rejectedOutsideRound = Map.copyOf(rejectedOutsideRound);
    }

    /**
     * What the round's collection counted.
     *
     * @param cohort clients sampled
     * @param quorum accepted updates the round needed
     * @param participants updates accepted and aggregated
     * @param refused clients that declined the instruction
     * @param gone members that left the cluster
     * @param rejected rejected updates by reason key
     * @param rejectedOutsideRound updates rejected outside any open round since the previous line, by reason key
     * @param federatedAccuracy example-weighted local test accuracy the clients reported, NaN without reports
     * @param federatedLoss example-weighted local test loss, NaN without reports
     * @param federatedExamples examples behind the federated figures
     * @param bytesDown parameter bytes the cohort had to fetch
     * @param bytesUp update bytes fetched
     * @param wallSeconds from the round's start to its metrics
     * @param trainSecondsMax longest reported local training time
     * @param trainSecondsSum total reported local training time
     */
    public record Collected(int cohort, int quorum, int participants, int refused, int gone,
                            Map<String, Integer> rejected, Map<String, Integer> rejectedOutsideRound,
                            double federatedAccuracy, double federatedLoss, long federatedExamples, long bytesDown,
                            long bytesUp, double wallSeconds, double trainSecondsMax, double trainSecondsSum) {
    }

    /**
     * The global model's figures after the round.
     *
     * @param modelVersion global model version
     * @param paramsNonzero non-zero parameters, -1 when not counted
     * @param weightsNonzero non-zero weight entries, -1 when not counted
     * @param epsilon cumulative epsilon, NaN without differential privacy
     * @param exampleEpsilon record-level epsilon of DP-SGD, NaN without it
     */
    public record ModelFigures(long modelVersion, long paramsNonzero, long weightsNonzero, double epsilon,
                               double exampleEpsilon) {
    }

    /** A round that met its quorum and was aggregated, with the centralised evaluation after it (NaN: none). */
    public static RoundMetrics completed(int round, CloseCause cause, Collected c, double accuracy, double loss,
                                         ModelFigures model) {
        return closed(round, RoundStatus.COMPLETED, cause, c, accuracy, loss, model);
    }

    /** A round that ran but was not aggregated (short of quorum, failed secure sum): the global model is kept. */
    public static RoundMetrics abandoned(int round, CloseCause cause, Collected c, double accuracy, double loss,
                                         ModelFigures model) {
        return closed(round, RoundStatus.ABANDONED, cause, c, accuracy, loss, model);
    }

    private static RoundMetrics closed(int round, RoundStatus status, CloseCause cause, Collected c, double accuracy,
                                       double loss, ModelFigures m) {
        return new RoundMetrics(round, status, cause, m.modelVersion(), c.cohort(), c.quorum(), c.participants(),
                c.refused(), c.gone(), c.rejected(), c.rejectedOutsideRound(), accuracy, loss, c.federatedAccuracy(),
                c.federatedLoss(), c.federatedExamples(), c.bytesDown(), c.bytesUp(), c.wallSeconds(),
                c.trainSecondsMax(), c.trainSecondsSum(), m.paramsNonzero(), m.weightsNonzero(), m.epsilon(),
                m.exampleEpsilon(), null);
    }

    /**
     * These metrics with the federated evaluation of the round's model (Flower's {@code aggregate_evaluate}), which
     * comes after aggregation: the after-round pipeline adds it before the metrics are published.
     */
    public RoundMetrics withFederatedEvaluation(FederatedEvaluation evaluation) {
        return new RoundMetrics(round, status, closedBy, modelVersion, cohort, quorum, participants, refused, gone,
                rejected, rejectedOutsideRound, accuracy, loss, federatedAccuracy, federatedLoss, federatedExamples,
                bytesDown, bytesUp, wallSeconds, trainSecondsMax, trainSecondsSum, paramsNonzero, weightsNonzero,
                epsilon, exampleEpsilon, evaluation, attempt);
    }

    /** These metrics as attempt {@code n} at their round number. */
    public RoundMetrics withAttempt(int n) {
        return new RoundMetrics(round, status, closedBy, modelVersion, cohort, quorum, participants, refused, gone,
                rejected, rejectedOutsideRound, accuracy, loss, federatedAccuracy, federatedLoss, federatedExamples,
                bytesDown, bytesUp, wallSeconds, trainSecondsMax, trainSecondsSum, paramsNonzero, weightsNonzero,
                epsilon, exampleEpsilon, federatedEvaluation, n);
    }

    /**
     * A round skipped because its Poisson cohort draw was empty: recorded as {@code abandoned} /
     * {@code empty-cohort}, nothing trained, sent or charged.
     */
    public static RoundMetrics skipped(int round, ModelFigures model) {
        return notRun(round, RoundStatus.ABANDONED, CloseCause.EMPTY_COHORT, model);
    }

    /** Training ended before {@code round} for {@code why} ({@link CloseCause#PRIVACY_BUDGET}, ...). */
    public static RoundMetrics stopped(int round, CloseCause why, ModelFigures model) {
        return notRun(round, RoundStatus.STOPPED, why, model);
    }

    private static RoundMetrics notRun(int round, RoundStatus status, CloseCause cause, ModelFigures m) {
        return new RoundMetrics(round, status, cause, m.modelVersion(), 0, 0, 0, 0, 0, Map.of(), Map.of(),
                Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, 0, 0, 0, 0, 0, m.paramsNonzero(),
                m.weightsNonzero(), m.epsilon(), m.exampleEpsilon(), null);
    }

    /**
     * Whether this line uses up its round number: a completed round, or one skipped for an empty Poisson draw. An
     * abandoned attempt does not (the round runs again), nor does a stop.
     */
    public boolean usesUpRound() {
        return status == RoundStatus.COMPLETED || closedBy == CloseCause.EMPTY_COHORT;
    }

    /** Whether training ends with this line, in a run of {@code rounds} rounds: a stop, or the last round used up. */
    public boolean endsTraining(int rounds) {
        return status == RoundStatus.STOPPED || (usesUpRound() && round >= rounds);
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
                .append(",\"status\":\"").append(status.key()).append('"')
                .append(",\"closed_by\":\"").append(closedBy.key()).append('"')
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
                .append(",\"epsilon\":").append(num(epsilon))
                .append(",\"attempt\":").append(attempt);
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
                    .append(",\"closed_by\":\"").append(f.closedBy().key()).append("\"}");
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
