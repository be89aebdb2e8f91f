package io.flotilla.wire.protocol;

/**
 * A client's marker for {@code security = secagg}: the client agent sees this mode and masks its delta with the
 * round's secure aggregation session (client {@code ClientSecAgg}) instead of sealing it; {@link #seal} refuses,
 * so a delta can never leave in plaintext by mistake. It carries the {@link SecAggReportSigner} (the client's
 * identity key) the session signs every report with.
 */
public final class SecAggUpdateSealer implements UpdateSealer {
    private final SecAggReportSigner signer;

    public SecAggUpdateSealer(SecAggReportSigner signer) {
        this.signer = java.util.Objects.requireNonNull(signer, "signer");
    }

    /** The signer of this client's secure aggregation reports. */
    public SecAggReportSigner signer() {
        return signer;
    }

    @Override
    public SecurityMode mode() {
        return SecurityMode.SECAGG;
    }

    /** Always refuses: secure aggregation masks, it does not seal individual updates. */
    @Override
    public byte[] seal(UpdatePayload payload, SealContext context) {
        throw new UnsupportedOperationException("security = secagg masks updates in the secure aggregation "
                + "session; it never seals an individual update");
    }
}
