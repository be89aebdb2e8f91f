package io.flotilla.wire.seal;

import io.flotilla.crypto.Ed25519PublicKey;
import io.flotilla.crypto.Sha256;
import io.flotilla.crypto.envelope.EnrolledKeys;
import io.flotilla.wire.RejectReason;
import io.flotilla.wire.UpdateRefusedException;
import io.flotilla.wire.protocol.SecAggInputSubmitted;
import io.flotilla.wire.protocol.SecAggReport;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * The coordinator's check that a secure aggregation report comes from the member it names: its signature must
 * verify under the identity key enrolled for {@link SecAggReport#clientId()}, over the statement
 * ({@link SecAggStatements#of}) of this federation and session. A refusal is an {@link UpdateRefusedException}
 * the round counts: {@link RejectReason#UNENROLLED} for a client id without an enrolled key,
 * {@link RejectReason#BAD_SIGNATURE} for anything else that fails (a forged or altered report, a signature by
 * another member's key, a report signed for another federation, round, session or index). The messages name the
 * client and the check, never key material. Thread-safe.
 */
public final class SecAggReportVerifier {
    private final String federation;
    private final EnrolledKeys enrolled;

    /** Verifies reports of {@code federation} against the identity keys in {@code enrolled}. */
    public SecAggReportVerifier(String federation, EnrolledKeys enrolled) {
        if (federation == null || federation.isEmpty()) {
            throw new IllegalArgumentException("federation id is required");
        }
        this.federation = federation;
        this.enrolled = Objects.requireNonNull(enrolled, "enrolled keys");
    }

    /** The federation reports are bound to. */
    /** Whether {@code clientId} has an enrolled identity key (otherwise none of its reports can verify). */
    public boolean admits(String clientId) {
        return enrolled.lookup(clientId).isPresent();
    }

    public String federation() {
        return federation;
    }

    /** Accepts {@code report} for session {@code session} or says why not. */
    public void verify(SecAggReport report, long session) throws UpdateRefusedException {
        Optional<Ed25519PublicKey> key = enrolled.lookup(report.clientId());
        if (key.isEmpty()) {
            throw new UpdateRefusedException(RejectReason.UNENROLLED, "client " + report.clientId()
                    + " has no enrolled identity key");
        }
        try {
            key.get().verify(report.signature(), SecAggStatements.of(federation, session, report));
        } catch (GeneralSecurityException e) {
            throw new UpdateRefusedException(RejectReason.BAD_SIGNATURE, "client " + report.clientId() + ": "
                    + report.getClass().getSimpleName() + " of round " + report.round() + ", index "
                    + report.index() + " is not signed by its enrolled identity key");
        }
    }

    /**
     * The fetched masked input {@code bytes} are the blob {@code submitted} signed for (same SHA-256 and size).
     * The transfer checks the hash already; this keeps the signature's guarantee independent of the transport.
     */
    public static void requireSignedBlob(SecAggInputSubmitted submitted, byte[] bytes) throws UpdateRefusedException {
        byte[] signed = HexFormat.of().parseHex(submitted.payload().sha256());
        byte[] actual = Sha256.digest().digest(bytes);
        if (bytes.length != submitted.payload().size() || !MessageDigest.isEqual(signed, actual)) {
            throw new UpdateRefusedException(RejectReason.TAMPERED, "client " + submitted.clientId()
                    + ": the fetched masked input (" + bytes.length + " bytes) is not the blob it signed ("
                    + submitted.payload().size() + " bytes)");
        }
    }
}
