package io.flotilla.gateway.api;

import java.util.Locale;

/** Every refusal the edge answers with: its HTTP status and its code in the JSON body ({@link #code()}). */
public enum EdgeError {
    BAD_JSON(400),
    BAD_REQUEST(400),
    BAD_RANGE(400),
    BAD_OFFSET(400),
    NO_CERTIFICATE(401),
    WRONG_ROLE(403),
    REVOKED(403),
    NOT_ENROLLED(403),
    NOT_FOUND(404),
    BLOB_NOT_FOUND(404),
    NO_TASK(404),
    UNKNOWN_UPLOAD(404),
    NO_RESULT(404),
    METHOD_NOT_ALLOWED(405),
    WRONG_ROUND(409),
    UPLOAD_EXISTS(409),
    OFFSET_MISMATCH(409),
    UPLOAD_COMPLETE(409),
    INCOMPLETE(409),
    LATE(410),
    TOO_LARGE(413),
    RANGE_NOT_SATISFIABLE(416),
    SHA256_MISMATCH(422),
    RATE_LIMITED(429),
    NOT_IMPLEMENTED(501),
    UNAVAILABLE(503);

    private final int status;

    EdgeError(int status) {
        this.status = status;
    }

    /** The HTTP status code. */
    public int status() {
        return status;
    }

    /** The code in the body's {@code error} field: {@code bad_json}, {@code offset_mismatch}, ... */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
