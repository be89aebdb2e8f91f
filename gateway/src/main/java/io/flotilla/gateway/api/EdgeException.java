package io.flotilla.gateway.api;

/**
 * A request the edge refuses: the {@link EdgeError} to answer with and a message for the client (never a secret).
 * {@code committedOffset} is the upload's committed offset with {@link EdgeError#OFFSET_MISMATCH}, else -1.
 */
public final class EdgeException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final EdgeError error;
    private final long committedOffset;

    public EdgeException(EdgeError error, String message) {
        this(error, message, -1);
    }

    public EdgeException(EdgeError error, String message, long committedOffset) {
        super(message, null, false, false);
        if (error == null || message == null) {
            throw new IllegalArgumentException("error and message are required");
        }
        this.error = error;
        this.committedOffset = committedOffset;
    }

    public EdgeError error() {
        return error;
    }

    public long committedOffset() {
        return committedOffset;
    }
}
