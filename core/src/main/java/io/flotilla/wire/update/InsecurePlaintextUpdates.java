package io.flotilla.wire.update;

import io.flotilla.wire.SecurityMode;
import java.security.GeneralSecurityException;

/**
 * {@code security = none}: updates travel as plain {@link UpdatePayload} bytes. Insecure by design (anyone on
 * the path reads and can alter every delta); only the binding fields inside the payload are checked against the
 * context, which catches mistakes, not attackers.
 */
public final class InsecurePlaintextUpdates implements UpdateSealer, UpdateOpener {

    @Override
    public SecurityMode mode() {
        return SecurityMode.NONE;
    }

    @Override
    public byte[] seal(UpdatePayload payload, SealContext context) {
        if (payload.round() != context.round() || !payload.clientId().equals(context.clientId())
                || payload.modelVersion() != context.modelVersion()) {
            throw new IllegalArgumentException("payload (round " + payload.round() + ", " + payload.clientId()
                    + ", version " + payload.modelVersion() + ") does not match its context " + context);
        }
        return payload.toBytes();
    }

    @Override
    public long maxSealedSize(int values) {
        return UpdatePayload.maxEncodedSize(values);
    }

    @Override
    public UpdatePayload open(byte[] sealed, SealContext context, int maxValues) throws GeneralSecurityException {
        UpdatePayload p;
        try {
            p = UpdatePayload.fromBytes(sealed, maxValues);
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException("malformed update: " + e.getMessage(), e);
        }
        if (p.round() != context.round() || !p.clientId().equals(context.clientId())
                || p.modelVersion() != context.modelVersion()) {
            throw new GeneralSecurityException("update bound to round " + p.round() + ", client " + p.clientId()
                    + ", version " + p.modelVersion() + " but submitted for round " + context.round() + ", client "
                    + context.clientId() + ", version " + context.modelVersion());
        }
        return p;
    }
}
