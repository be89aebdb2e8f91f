package io.flotilla.crypto.envelope;

import java.security.GeneralSecurityException;

/** An update failed a check of {@link EnvelopeOpener}; {@link #reason()} says which. Messages hold no secrets. */
public final class UpdateRejectedException extends GeneralSecurityException {
    private static final long serialVersionUID = 1L;
    private final RejectionReason reason;

    public UpdateRejectedException(RejectionReason reason, String message) {
        super(reason + ": " + message);
        this.reason = reason;
    }

    public RejectionReason reason() {
        return reason;
    }
}
