package io.flotilla.wire.seal;

import io.flotilla.crypto.Ed25519PrivateKey;
import io.flotilla.crypto.secagg.AdvertiseKeys;
import io.flotilla.crypto.secagg.ShareKeys;
import io.flotilla.crypto.secagg.UnmaskResponse;
import io.flotilla.wire.transfer.BlobRef;
import java.util.Map;
import io.flotilla.wire.protocol.ClientReport;
import io.flotilla.wire.ProtocolChecks;
import io.flotilla.wire.protocol.SecAggInputSubmitted;
import io.flotilla.wire.protocol.SecAggKeysAdvertised;
import io.flotilla.wire.protocol.SecAggReport;
import io.flotilla.wire.protocol.SecAggSharesSent;
import io.flotilla.wire.protocol.SecAggUnmaskAnswered;
import java.util.Objects;

/**
 * A cohort member's author of secure aggregation reports: builds each stage's record for client
 * {@link #clientId()} and signs it with the member's Ed25519 identity key over {@link SecAggStatements#of}, bound
 * to the federation, round, session and index. The coordinator checks every report with a
 * {@link SecAggReportVerifier} against the key it enrolled under that client id. Thread-safe (holds only
 * immutable state); the key never leaves it.
 */
public final class SecAggReportSigner {
    private final String federation;
    private final String clientId;
    private final Ed25519PrivateKey identity;

    /** Signs for {@code clientId} of {@code federation} with {@code identity}, the key enrolled under that id. */
    public SecAggReportSigner(String federation, String clientId, Ed25519PrivateKey identity) {
        ProtocolChecks.requireId(clientId);
        if (federation == null || federation.isEmpty()) {
            throw new IllegalArgumentException("federation id is required");
        }
        this.federation = federation;
        this.clientId = clientId;
        this.identity = Objects.requireNonNull(identity, "identity key");
    }

    /** The member this signer speaks for. */
    public String clientId() {
        return clientId;
    }

    /** Stage 0: the member's advertised keys in session {@code session} of {@code round}. */
    public SecAggKeysAdvertised advertise(int round, long session, AdvertiseKeys keys) {
        return sign(SecAggKeysAdvertised.of(round, clientId, keys), session);
    }

    /** Stage 1: the member's encrypted shares. */
    public SecAggSharesSent shares(int round, long session, ShareKeys shares) {
        return sign(SecAggSharesSent.of(round, clientId, shares), session);
    }

    /** Stage 2: the member's masked input, published as {@code payload}, with its aggregate figures. */
    public SecAggInputSubmitted input(int round, long session, int index, BlobRef payload,
                                      ClientReport report) {
        return sign(SecAggInputSubmitted.unsigned(round, clientId, index, payload, report), session);
    }

    /** Stage 3: the member's unmasking answer. */
    public SecAggUnmaskAnswered unmask(int round, long session, UnmaskResponse response) {
        return sign(SecAggUnmaskAnswered.of(round, clientId, response), session);
    }

    @SuppressWarnings("unchecked")
    private <R extends SecAggReport> R sign(R unsigned, long session) {
        return (R) unsigned.withSignature(identity.sign(SecAggStatements.of(federation, session, unsigned)));
    }

    @Override
    public String toString() {
        return "SecAggReportSigner[" + federation + "/" + clientId + "]";
    }
}
