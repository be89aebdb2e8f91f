package io.flotilla.wire;

import java.security.GeneralSecurityException;

/**
 * An update was refused for a specific {@link RejectReason}, which the round counts: raised by the openers and
 * verifiers of {@code io.flotilla.wire.seal} and by {@code io.flotilla.crypto.envelope.EnvelopeOpener}. The message
 * is the reason's {@link RejectReason#key()} followed by the detail, which names the client and the failed check
 * (finer than the reason, e.g. "wrong federation: ..."), never key material.
 */
public final class UpdateRefusedException extends GeneralSecurityException {
    private static final long serialVersionUID = 1L;
    private final RejectReason reason;
    private final String detail;

    /** {@code detail} says what failed; the message prefixes it with the reason's key. */
    public UpdateRefusedException(RejectReason reason, String detail) {
        super(reason.key() + ": " + detail);
        this.reason = reason;
        this.detail = detail;
    }

    /** What the round counts this rejection as. */
    public RejectReason reason() {
        return reason;
    }

    /** The message without the reason prefix, so a caller that adds context does not repeat the reason. */
    public String detail() {
        return detail;
    }
}
