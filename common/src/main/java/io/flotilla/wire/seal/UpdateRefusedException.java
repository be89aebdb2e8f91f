package io.flotilla.wire.seal;

import io.flotilla.wire.protocol.RejectReason;
import java.security.GeneralSecurityException;

/**
 * An {@link UpdateOpener} refused an update for a specific {@link RejectReason}, which the round counts. The
 * message names the client and the check, never key material.
 */
public final class UpdateRefusedException extends GeneralSecurityException {
    private static final long serialVersionUID = 1L;
    private final RejectReason reason;

    public UpdateRefusedException(RejectReason reason, String message) {
        super(reason.key() + ": " + message);
        this.reason = reason;
    }

    /** What the round counts this rejection as. */
    public RejectReason reason() {
        return reason;
    }
}
