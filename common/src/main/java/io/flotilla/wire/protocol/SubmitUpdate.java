package io.flotilla.wire.protocol;

import akka.actor.typed.ActorRef;
import io.flotilla.wire.ProtocolChecks;
import io.flotilla.wire.transfer.BlobRef;
import java.util.Map;

/**
 * A cohort member hands in its update for a round. The delta itself travels as a blob ({@code payload}): an
 * {@link io.flotilla.wire.update.UpdatePayload} sealed by the round's {@link io.flotilla.wire.update.UpdateSealer}.
 *
 * @param round the round the update was trained for
 * @param clientId the sender
 * @param modelVersion version of the global model it trained from
 * @param globalSha256 hex SHA-256 of the global parameter blob it trained from
 * @param examples training examples behind the update (its weight), at least 1
 * @param payload the sealed delta
 * @param report aggregate training and evaluation figures
 * @param replyTo where {@link UpdateAccepted} or {@link UpdateRejected} goes
 */
public record SubmitUpdate(int round, String clientId, long modelVersion, String globalSha256, int examples,
                           BlobRef payload, ClientReport report, ActorRef<ClientMessage> replyTo)
        implements CoordinatorMessage {

    public SubmitUpdate {
        ProtocolChecks.requireRound(round);
        ProtocolChecks.requireId(clientId);
        if (globalSha256 == null || payload == null || report == null || replyTo == null) {
            throw new IllegalArgumentException("globalSha256, payload, report and replyTo are required");
        }
    }
}
