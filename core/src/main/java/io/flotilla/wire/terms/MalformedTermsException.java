package io.flotilla.wire.terms;

/** Bytes that are not a valid encoding of round terms; the message says what was wrong, never the bytes. */
public final class MalformedTermsException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public MalformedTermsException(String message) {
        super(message);
    }

    public MalformedTermsException(String message, Throwable cause) {
        super(message, cause);
    }
}
