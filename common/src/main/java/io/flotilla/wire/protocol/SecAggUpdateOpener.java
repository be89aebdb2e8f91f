package io.flotilla.wire.protocol;

import java.security.GeneralSecurityException;

/**
 * The coordinator's side of {@code security = secagg}: it opens no individual update, ever. The round collector
 * sees this mode and runs the four-stage protocol instead (coordinator {@code SecAggRound}), which yields only
 * the cohort's sum; this object carries the settings that protocol runs with and the {@link SecAggReportVerifier}
 * (the enrolled clients' identity keys) every member's report is checked with.
 */
public final class SecAggUpdateOpener implements UpdateOpener {
    private final SecAggSettings settings;
    private final SecAggReportVerifier verifier;

    public SecAggUpdateOpener(SecAggSettings settings, SecAggReportVerifier verifier) {
        this.settings = java.util.Objects.requireNonNull(settings, "settings");
        this.verifier = java.util.Objects.requireNonNull(verifier, "verifier");
    }

    /** The check of every member's signed report against its enrolled identity key. */
    public SecAggReportVerifier verifier() {
        return verifier;
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
