package io.flotilla.sdk;

/**
 * A gateway's answer that does not follow the edge protocol (malformed JSON, a missing field, a blob whose hash
 * is wrong): the cycle is abandoned, the client checks in again later.
 */
public class EdgeProtocolException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public EdgeProtocolException(String message) {
        super(message);
    }

    public EdgeProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
