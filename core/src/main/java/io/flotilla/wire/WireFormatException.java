package io.flotilla.wire;

/**
 * Bytes that are not a valid encoding of a registered wire type, or a value that cannot be encoded within the
 * wire's limits. The message says what was wrong (claimed and available sizes, unknown ids) and never echoes
 * the payload.
 */
public final class WireFormatException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public WireFormatException(String message) {
        super(message);
    }

    public WireFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
