package io.flotilla.wire.terms;

import java.security.GeneralSecurityException;

/** Round terms a client must not act on: malformed, forged, signed by a non-coordinator, or for someone else. */
public final class TermsRejectedException extends GeneralSecurityException {
    private static final long serialVersionUID = 1L;

    public TermsRejectedException(String message) {
        super(message);
    }

    public TermsRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
