package io.flotilla.coordinator;

import io.flotilla.node.ConfigReader;
import java.time.Duration;
import java.util.List;

/**
 * When and how widely the coordinator runs federated evaluation ({@code flotilla.evaluation.federated}), Flower's
 * {@code configure_evaluate}: after every {@code every}-th round's aggregation it asks an evaluation cohort of
 * {@code fraction} of the available clients (at least {@code minClients}) to evaluate the new global model on their
 * local test splits, and counts the figures when at least {@code minClients} valid reports came within
 * {@code timeout}.
 *
 * <p>Evaluation cohorts are drawn from their own random stream, a function of the seed and the round only: the
 * training cohorts' sampler and its checkpointed state are never touched, so turning evaluation on or off changes
 * no training cohort, no client seed and no model bit.
 *
 * @param every evaluate after rounds {@code every}, {@code 2 * every}, ...; 0 = off
 * @param fraction share of the available clients asked, in (0, 1]
 * @param minClients fewest clients asked, and the quorum of valid reports
 * @param timeout how long one evaluation waits for its reports
 */
public record FederatedEvaluationSettings(int every, double fraction, int minClients, Duration timeout) {

    /** "evaluate" in ASCII: keeps the evaluation stream apart from the training sampler seeded with the same seed. */
    private static final long STREAM = 0x6576616c75617465L;

    public FederatedEvaluationSettings {
        if (every < 0) {
            throw new IllegalArgumentException("flotilla.evaluation.federated.every must be >= 0 (0 = off), got "
                    + every);
        }
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("flotilla.evaluation.federated.fraction must be in (0, 1], got "
                    + fraction);
        }
        if (minClients < 1) {
            throw new IllegalArgumentException("flotilla.evaluation.federated.min_clients must be >= 1, got "
                    + minClients);
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("flotilla.evaluation.federated.timeout must be positive, got "
                    + timeout);
        }
    }

    /** Federated evaluation off. */
    public static FederatedEvaluationSettings off() {
        return new FederatedEvaluationSettings(0, 1.0, 1, Duration.ofSeconds(60));
    }

    /** Reads {@code flotilla.evaluation.federated.*}. */
    static FederatedEvaluationSettings from(ConfigReader r) {
        return new FederatedEvaluationSettings(
                r.intAtLeast("evaluation.federated.every", 0),
                r.doubleIn("evaluation.federated.fraction", 0, false, 1),
                r.intAtLeast("evaluation.federated.min_clients", 1),
                r.positiveDuration("evaluation.federated.timeout"));
    }

    /** Whether the model aggregated in {@code round} is evaluated. */
    public boolean due(int round) {
        return every > 0 && round % every == 0;
    }

    /** Clients asked when {@code available} are: the fraction rounded up, at least {@code minClients}, at most all. */
    public int cohortSize(int available) {
        return Math.min(available, Math.max(minClients, (int) Math.ceil(fraction * available)));
    }

    /**
     * The evaluation cohort of {@code round}: {@link #cohortSize} of {@code available} (sorted ids), drawn from the
     * evaluation stream of {@code seed} and {@code round}; empty when fewer than {@code minClients} are available.
     */
    public List<String> cohort(long seed, int round, List<String> available) {
        if (available.size() < minClients) {
            return List.of();
        }
        long roundState = new CohortSampler(seed ^ STREAM).nextSeed() ^ (round * 0x9E3779B97F4A7C15L);
        return new CohortSampler(new CohortSampler(roundState).nextSeed()).sample(available,
                cohortSize(available.size()));
    }
}
