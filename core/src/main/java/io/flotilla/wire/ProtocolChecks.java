package io.flotilla.wire;

/** Validation shared by the protocol records' compact constructors. */
public final class ProtocolChecks {
    /** Longer ids are refused: they end up in logs and associated data. */
    public static final int MAX_ID_LENGTH = 128;

    private ProtocolChecks() {
    }

    /** Throws unless {@code clientId} has 1 to {@link #MAX_ID_LENGTH} characters. */
    public static void requireId(String clientId) {
        if (clientId == null || clientId.isEmpty() || clientId.length() > MAX_ID_LENGTH) {
            throw new IllegalArgumentException("client id must have 1.." + MAX_ID_LENGTH + " characters, got "
                    + (clientId == null ? "null" : clientId.length() + ""));
        }
    }

    /** Throws unless {@code round} is at least 1. */
    public static void requireRound(int round) {
        if (round < 1) {
            throw new IllegalArgumentException("round must be >= 1, got " + round);
        }
    }
}
