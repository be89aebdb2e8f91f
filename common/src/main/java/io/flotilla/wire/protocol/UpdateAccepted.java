package io.flotilla.wire.protocol;

/** The coordinator folded the client's update for {@code round} into the aggregate. */
public record UpdateAccepted(int round, String clientId) implements ClientMessage {
}
