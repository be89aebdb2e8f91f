package io.flotilla.coordinator;

import akka.actor.typed.ActorRef;
import io.flotilla.wire.protocol.ClientMessage;
import io.flotilla.wire.protocol.CoordinatorMessage;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one federated evaluation needs (Flower's {@code configure_evaluate}): the model it evaluates, the cohort
 * asked, each member's registered example count (a report may not claim more), the quorum of valid reports and the
 * deadline.
 *
 * @param round training round whose aggregated model is evaluated
 * @param modelVersion version of that model; reports must name it
 * @param cohort members by client id, in sampling order
 * @param registeredExamples the most examples each member's report may claim: the size of the test split it
 *     announced ({@link io.flotilla.wire.protocol.AnnounceClient#testExamples()}), else its training examples
 * @param quorum valid reports needed for the figures to count (at least 1, at most the cohort)
 * @param timeout how long the evaluation waits for reports
 * @param replyTo the coordinator's public inbox, where clients send {@link io.flotilla.wire.protocol.EvaluationReported}
 */
public record EvaluationPlan(int round, long modelVersion, Map<String, ActorRef<ClientMessage>> cohort,
                             Map<String, Integer> registeredExamples, int quorum, Duration timeout,
                             ActorRef<CoordinatorMessage> replyTo) {

    public EvaluationPlan {
        if (round < 1 || modelVersion < 0) {
            throw new IllegalArgumentException("round must be >= 1 and model version >= 0, got " + round + ", "
                    + modelVersion);
        }
        if (cohort == null || cohort.isEmpty() || registeredExamples == null || timeout == null || replyTo == null) {
            throw new IllegalArgumentException("a non-empty cohort, registered examples, timeout and replyTo are "
                    + "required");
        }
        if (quorum < 1 || quorum > cohort.size()) {
            throw new IllegalArgumentException("quorum must be in [1, " + cohort.size() + "], got " + quorum);
        }
        if (!registeredExamples.keySet().containsAll(cohort.keySet())) {
            throw new IllegalArgumentException("every cohort member needs a registered example count");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        cohort = Collections.unmodifiableMap(new LinkedHashMap<>(cohort));
        registeredExamples = Map.copyOf(registeredExamples);
    }
}
