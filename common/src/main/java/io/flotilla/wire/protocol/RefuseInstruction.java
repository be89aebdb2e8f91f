package io.flotilla.wire.protocol;

import io.flotilla.wire.ProtocolChecks;
import akka.actor.typed.ActorRef;

/**
 * A client declines a round's instruction (the model or data does not fit, it is busy, the security mode is not
 * supported, the round terms do not verify); the coordinator logs the reason and stops waiting for this client.
 *
 * @param replyTo the refusing client's inbox: the coordinator believes the refusal only if it is the inbox that
 *     {@code clientId} registered and was instructed at
 */
public record RefuseInstruction(int round, String clientId, String reason, ActorRef<ClientMessage> replyTo)
        implements CoordinatorMessage {

    public RefuseInstruction {
        ProtocolChecks.requireRound(round);
        ProtocolChecks.requireId(clientId);
        if (reason == null || reason.isEmpty()) {
            throw new IllegalArgumentException("a refusal needs a reason");
        }
        if (replyTo == null) {
            throw new IllegalArgumentException("a refusal names the refusing client's inbox");
        }
    }
}
