package io.flotilla.wire.protocol;

import io.flotilla.wire.RejectReason;

/** The coordinator did not use the client's update for {@code round}; {@code reason} says why. */
public record UpdateRejected(int round, String clientId, RejectReason reason, String detail) implements ClientMessage {

    public UpdateRejected {
        if (reason == null || detail == null) {
            throw new IllegalArgumentException("reason and detail are required");
        }
    }
}
