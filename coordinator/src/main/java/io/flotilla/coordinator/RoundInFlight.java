package io.flotilla.coordinator;

import akka.actor.typed.ActorRef;
import io.flotilla.wire.protocol.BlobRef;
import io.flotilla.wire.protocol.ClientMessage;
import java.util.Map;

/**
 * Everything the coordinator holds about the round it is running, fixed when the round starts: the value carried
 * by its {@code collecting} and {@code evaluating} states.
 *
 * @param round round number
 * @param cohort sampled members by id, with their inboxes
 * @param cohortExamples each member's announced example count (DP-SGD accounting)
 * @param quorum accepted updates the round needs
 * @param parameters the published global model blob
 * @param mask the published pruning mask blob, or null while the model is dense
 * @param startNanos {@link System#nanoTime()} at the start
 * @param collector the round's collector child
 */
record RoundInFlight(int round, Map<String, ActorRef<ClientMessage>> cohort, Map<String, Integer> cohortExamples,
                     int quorum, BlobRef parameters, BlobRef mask, long startNanos,
                     ActorRef<RoundCollector.Command> collector) {

    RoundInFlight {
        cohort = Map.copyOf(cohort);
        cohortExamples = Map.copyOf(cohortExamples);
    }

    /** Clients sampled. */
    int cohortSize() {
        return cohort.size();
    }

    /** Bytes the cohort had to fetch: the parameters and the mask, once per member. */
    long bytesDown() {
        return (parameters.size() + (mask == null ? 0 : mask.size())) * (long) cohort.size();
    }
}
