package io.flotilla.wire.protocol;

import akka.actor.typed.ActorRef;
import io.flotilla.crypto.secagg.SecAggConfig;
import io.flotilla.wire.ProtocolChecks;

/**
 * Coordinator to one cohort member, just before its {@link TrainInstruction} in a {@code security = secagg}
 * round: the session's parameters and the member's index in it. The client answers with
 * {@link SecAggKeysAdvertised}. Everything but {@code vectorLength} of the {@link SecAggConfig} is here; the
 * vector length is the instruction's parameter count.
 *
 * @param round the round the session belongs to
 * @param clientId the member addressed
 * @param session random session id, bound into every key derivation and share encryption of the round
 * @param index the member's index 0..cohortSize-1 in the session
 * @param cohortSize the session's cohort size n
 * @param threshold shares needed to reconstruct a secret (t of each client's share holders)
 * @param neighbours 0 for the complete graph, else the SecAgg+ neighbour count k
 * @param clipRange inputs are clipped to [-clipRange, clipRange]
 * @param maxWeight largest weight a client may put in
 * @param scale fixed-point scale of the quantisation
 * @param clipWarnFraction the client warns when more than this share of its values was clipped
 * @param replyTo where the member's {@link SecAggReport}s go (the coordinator's inbox)
 */
public record SecAggSetup(int round, String clientId, long session, int index, int cohortSize, int threshold,
                          int neighbours, double clipRange, long maxWeight, double scale, double clipWarnFraction,
                          ActorRef<CoordinatorMessage> replyTo) implements ClientMessage {

    public SecAggSetup {
        ProtocolChecks.requireRound(round);
        ProtocolChecks.requireId(clientId);
        if (cohortSize < 2 || cohortSize > SecAggChecks.MAX_COHORT) {
            throw new IllegalArgumentException("cohort size " + cohortSize + " outside 2.." + SecAggChecks.MAX_COHORT);
        }
        if (index < 0 || index >= cohortSize) {
            throw new IllegalArgumentException("index " + index + " outside 0.." + (cohortSize - 1));
        }
        if (replyTo == null) {
            throw new IllegalArgumentException("replyTo is required");
        }
    }

    /** The session's configuration for vectors of {@code vectorLength} values; validates the settings. */
    public SecAggConfig config(int vectorLength) {
        return new SecAggConfig(cohortSize, threshold, neighbours, vectorLength, clipRange, maxWeight, scale,
                clipWarnFraction, session);
    }
}
