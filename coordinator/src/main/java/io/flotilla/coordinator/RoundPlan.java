package io.flotilla.coordinator;

import akka.actor.typed.ActorRef;
import io.flotilla.fit.TrainConfig;
import io.flotilla.pruning.compression.CompressionConfig;
import io.flotilla.wire.protocol.ClientMessage;
import io.flotilla.wire.protocol.CoordinatorMessage;
import io.flotilla.wire.SecurityMode;
import io.flotilla.wire.transfer.BlobRef;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a {@link RoundCollector} needs to run one round.
 *
 * @param round round number
 * @param modelVersion version of the global model sent out
 * @param model model name
 * @param parameterCount size of the model
 * @param parameters the global parameter blob (its SHA-256 binds every update)
 * @param config local training hyperparameters
 * @param security how updates are protected
 * @param cohort sampled clients by id, with their inboxes (sorted by id)
 * @param seeds each member's local training seed
 * @param quorum accepted updates needed at the deadline
 * @param timeout how long the round waits
 * @param fetchTimeout how long one payload fetch may take
 * @param replyTo where clients send updates (the coordinator's inbox, which routes them here)
 * @param mask the pruning mask blob sent with the parameters, or null when the model is dense
 * @param compression how clients compress their updates, or null when they send dense deltas
 */
public record RoundPlan(int round, long modelVersion, String model, int parameterCount, BlobRef parameters,
                        TrainConfig config, SecurityMode security, Map<String, ActorRef<ClientMessage>> cohort,
                        Map<String, Long> seeds, int quorum, Duration timeout, Duration fetchTimeout,
                        ActorRef<CoordinatorMessage> replyTo, BlobRef mask, CompressionConfig compression) {

    /** A plan whose clients send dense deltas. */
    public RoundPlan(int round, long modelVersion, String model, int parameterCount, BlobRef parameters,
                     TrainConfig config, SecurityMode security, Map<String, ActorRef<ClientMessage>> cohort,
                     Map<String, Long> seeds, int quorum, Duration timeout, Duration fetchTimeout,
                     ActorRef<CoordinatorMessage> replyTo, BlobRef mask) {
        this(round, modelVersion, model, parameterCount, parameters, config, security, cohort, seeds, quorum, timeout,
                fetchTimeout, replyTo, mask, null);
    }

    /** A plan for a dense model (no mask). */
    public RoundPlan(int round, long modelVersion, String model, int parameterCount, BlobRef parameters,
                     TrainConfig config, SecurityMode security, Map<String, ActorRef<ClientMessage>> cohort,
                     Map<String, Long> seeds, int quorum, Duration timeout, Duration fetchTimeout,
                     ActorRef<CoordinatorMessage> replyTo) {
        this(round, modelVersion, model, parameterCount, parameters, config, security, cohort, seeds, quorum, timeout,
                fetchTimeout, replyTo, null);
    }

    public RoundPlan {
        cohort = new TreeMap<>(cohort);
        seeds = Map.copyOf(seeds);
        if (cohort.isEmpty()) {
            throw new IllegalArgumentException("a round needs at least one cohort member");
        }
        if (quorum < 1 || quorum > cohort.size()) {
            throw new IllegalArgumentException("quorum must be in [1, " + cohort.size() + "], got " + quorum);
        }
        if (!seeds.keySet().equals(cohort.keySet())) {
            throw new IllegalArgumentException("seeds for " + seeds.keySet() + " but cohort is " + cohort.keySet());
        }
    }
}
