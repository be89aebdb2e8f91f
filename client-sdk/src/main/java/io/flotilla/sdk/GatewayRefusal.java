package io.flotilla.sdk;

/**
 * A gateway answered with an HTTP error and the protocol's JSON body {@code {"error", "message"}}: the request was
 * understood and refused (403 {@code revoked}, 409 {@code offset_mismatch}, 410 {@code late}, ...).
 */
public final class GatewayRefusal extends EdgeProtocolException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String code;
    private final long offset;

    GatewayRefusal(int status, String code, String message, long offset) {
        super("gateway refused (" + status + " " + code + "): " + message);
        this.status = status;
        this.code = code;
        this.offset = offset;
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }

    /** The protocol's error code, e.g. {@code offset_mismatch}; {@code http_<status>} when the body had none. */
    public String code() {
        return code;
    }

    /** The committed offset an {@code offset_mismatch} carries, else -1. */
    public long offset() {
        return offset;
    }

    /** Builds the refusal from an error answer's body, tolerating a body that is not the protocol's JSON. */
    static GatewayRefusal from(int status, byte[] body) {
        try {
            EdgeJson j = EdgeJson.parse(body, "error answer");
            long offset = j.has("offset") ? j.integer("offset") : -1;
            String message = j.optionalString("message");
            return new GatewayRefusal(status, j.string("error"), message == null ? "" : message, offset);
        } catch (EdgeProtocolException notJson) {
            return new GatewayRefusal(status, "http_" + status, "(no protocol error body)", -1);
        }
    }
}
