package io.flotilla.wire.protocol;

import java.security.GeneralSecurityException;

/**
 * The coordinator's side of {@code security = secagg}: it opens no individual update, ever. The round collector
 * sees this mode and runs the four-stage protocol instead (coordinator {@code SecAggRound}), which yields only
 * the cohort's sum; this object carries the settings that protocol runs with.
 */
public final class SecAggUpdateOpener implements UpdateOpener {
    private final SecAggSettings settings;

    public SecAggUpdateOpener(SecAggSettings settings) {
        this.settings = java.util.Objects.requireNonNull(settings, "settings");
    }

    /** The settings of every round's session. */
    public SecAggSettings settings() {
        return settings;
    }

    @Override
    public SecurityMode mode() {
        return SecurityMode.SECAGG;
    }

    /** A masked input of a {@code values}-parameter model: the values plus the weight word. */
    @Override
    public long maxSealedSize(int values) {
        return MaskedInputBlob.encodedSize(values + 1);
    }

    /** Always refuses: under secure aggregation an individual update is never opened. */
    @Override
    public UpdatePayload open(byte[] sealed, SealContext context, int maxValues) throws GeneralSecurityException {
        throw new UpdateRefusedException(RejectReason.MALFORMED, "security = secagg: individual updates are never"
                + " opened; members submit masked inputs");
    }
}
