package io.flotilla.wire.protocol;

import io.flotilla.wire.ProtocolChecks;
import io.flotilla.wire.transfer.BlobRef;
import java.util.Map;

/**
 * Stage 2, member to coordinator: its masked input is published as a blob ({@link io.flotilla.wire.seal.MaskedInputBlob} format,
 * fetched through the chunked transfer like any update), with the same aggregate figures an ordinary update
 * reports ({@link ClientReport}); never the weight or the delta. The member signs
 * the blob's SHA-256 and size with its identity key ({@link io.flotilla.wire.seal.SecAggStatements#of}), so the coordinator can refuse
 * a forgery before fetching anything. The signature is copied in and out.
 */
public record SecAggInputSubmitted(int round, String clientId, int index, BlobRef payload,
                                   ClientReport report, byte[] signature) implements SecAggReport {

    public SecAggInputSubmitted {
        ProtocolChecks.requireRound(round);
        ProtocolChecks.requireId(clientId);
        SecAggChecks.requireIndex(index, "index");
        if (payload == null) {
            throw new IllegalArgumentException("payload is required");
        }
        if (report == null) {
            throw new IllegalArgumentException("report must not be null");
        }
        signature = SecAggChecks.signature(signature);
    }

    /** The unsigned message (a zero signature), for {@link io.flotilla.wire.seal.SecAggReportSigner} to sign. */
    public static SecAggInputSubmitted unsigned(int round, String clientId, int index, BlobRef payload,
                                         ClientReport report) {
        return new SecAggInputSubmitted(round, clientId, index, payload, report,
                new byte[SecAggChecks.SIGNATURE_SIZE]);
    }

    @Override
    public SecAggInputSubmitted withSignature(byte[] signature) {
        return new SecAggInputSubmitted(round, clientId, index, payload, report, signature);
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }
}
