package io.flotilla.coordinator;

/**
 * The outcome of one federated evaluation (Flower's {@code aggregate_evaluate}): the clients of an evaluation
 * cohort evaluated the global model of {@code round} on their local test splits, and their reports were averaged
 * weighted by example count. The per-client spread of accuracy (min, median, max) is the fairness view: under
 * non-IID data a good mean can hide clients the model serves badly.
 *
 * <p>Figures are NaN when the evaluation fell short of its quorum (fewer valid reports than {@code quorum}).
 *
 * @param round training round whose aggregated model was evaluated
 * @param modelVersion version of that model
 * @param cohort clients asked
 * @param quorum valid reports needed for the figures to count
 * @param clients valid reports folded
 * @param declined clients that answered without a figure (no local test data, busy, evaluation failed)
 * @param rejected reports that failed validation (counted, logged, not folded)
 * @param gone cohort members that left the cluster before answering
 * @param examples test examples behind the figures
 * @param loss mean local test loss, weighted by examples
 * @param accuracy mean local test accuracy, weighted by examples
 * @param accuracyMin lowest accuracy of one client
 * @param accuracyMedian median of the clients' accuracies (the mean of the middle two for an even count)
 * @param accuracyMax highest accuracy of one client
 * @param closedBy {@link CloseCause#ALL_ANSWERED}, {@link CloseCause#QUORUM_UNREACHABLE} or {@link CloseCause#DEADLINE}
 */
public record FederatedEvaluation(int round, long modelVersion, int cohort, int quorum, int clients, int declined,
                                  int rejected, int gone, long examples, double loss, double accuracy,
                                  double accuracyMin, double accuracyMedian, double accuracyMax,
                                  CloseCause closedBy) {

    public FederatedEvaluation {
        if (cohort < 0 || quorum < 0 || clients < 0 || declined < 0 || rejected < 0 || gone < 0 || examples < 0) {
            throw new IllegalArgumentException("counts must be >= 0");
        }
        if (closedBy == null) {
            throw new IllegalArgumentException("closedBy is required");
        }
    }

    /** Whether enough valid reports came for the figures to count. */
    public boolean quorumMet() {
        return clients >= quorum && clients > 0;
    }
}
