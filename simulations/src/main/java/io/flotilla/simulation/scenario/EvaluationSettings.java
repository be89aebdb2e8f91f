package io.flotilla.simulation.scenario;

/**
 * How the global model is evaluated ({@code evaluation.*}): centrally on the held-out test set after every round,
 * and, every {@code federatedEvery} rounds, by a cohort of clients on their local test splits (federated
 * evaluation; its figures are weighted by examples and come with the spread across clients).
 *
 * @param centralized evaluate on the held-out test set after each round
 * @param federatedEvery federated evaluation after every N-th round; 0 = off
 * @param federatedFraction share of the clients asked, in (0, 1]
 * @param federatedMinClients fewest clients asked, and the valid reports needed for the figures to count
 * @param federatedTimeoutSeconds how long one federated evaluation waits
 */
public record EvaluationSettings(boolean centralized, int federatedEvery, double federatedFraction,
                                 int federatedMinClients, double federatedTimeoutSeconds) {

    public EvaluationSettings {
        Scenario.require(federatedEvery >= 0, "evaluation.federated.every", "must be at least 0 (0 = off)",
                federatedEvery);
        Scenario.require(federatedFraction > 0 && federatedFraction <= 1, "evaluation.federated.fraction",
                "must be in (0, 1]", federatedFraction);
        Scenario.require(federatedMinClients >= 1, "evaluation.federated.min_clients", "must be at least 1",
                federatedMinClients);
        Scenario.require(federatedTimeoutSeconds > 0, "evaluation.federated.timeout_seconds", "must be positive",
                federatedTimeoutSeconds);
    }

    /** Whether clients evaluate the global model at all. */
    public boolean federated() {
        return federatedEvery > 0;
    }
}
