package io.flotilla.wire.protocol;

import io.flotilla.wire.ProtocolChecks;

/**
 * A client declines a round's instruction (the model or data does not fit, it is busy, the security mode is not
 * supported); the coordinator logs the reason and stops waiting for this client.
 */
public record RefuseInstruction(int round, String clientId, String reason) implements CoordinatorMessage {

    public RefuseInstruction {
        ProtocolChecks.requireRound(round);
        ProtocolChecks.requireId(clientId);
        if (reason == null || reason.isEmpty()) {
            throw new IllegalArgumentException("a refusal needs a reason");
        }
    }
}
