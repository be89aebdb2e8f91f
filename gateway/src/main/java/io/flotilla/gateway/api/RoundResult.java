package io.flotilla.gateway.api;

import java.util.Locale;

/**
 * What became of a client's round: {@code reason} and {@code detail} are null unless rejected or refused.
 */
public record RoundResult(int round, Status status, String reason, String detail) {

    /** The states of a round's update. */
    public enum Status {
        PENDING, ACCEPTED, REJECTED, REFUSED;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public RoundResult {
        if (status == null) {
            throw new IllegalArgumentException("status is required");
        }
    }
}
