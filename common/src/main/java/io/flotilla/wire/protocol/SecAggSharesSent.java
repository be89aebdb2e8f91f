package io.flotilla.wire.protocol;

import io.flotilla.crypto.secagg.EncryptedShare;
import io.flotilla.crypto.secagg.ShareKeys;
import io.flotilla.wire.ProtocolChecks;
import java.util.ArrayList;
import java.util.List;

/**
 * Stage 1, member to coordinator: the member's encrypted share pairs for its share holders {@code to}
 * (ascending), each {@link SecAggRelayedShares#SHARE_CIPHERTEXT} bytes, packed in holder order, signed with the
 * member's identity key over {@link io.flotilla.wire.seal.SecAggStatements#of}. Arrays are copied in and out.
 */
public record SecAggSharesSent(int round, String clientId, int index, int[] to, byte[] ciphertexts,
                               byte[] signature) implements SecAggReport {

    public SecAggSharesSent {
        ProtocolChecks.requireRound(round);
        ProtocolChecks.requireId(clientId);
        SecAggChecks.requireIndex(index, "index");
        to = SecAggChecks.ascendingIndices(to, "share holders");
        ciphertexts = SecAggChecks.packed(ciphertexts, to.length, SecAggChecks.SHARE_CIPHERTEXT, "shares");
        signature = SecAggChecks.signature(signature);
    }

    @Override
    public SecAggSharesSent withSignature(byte[] signature) {
        return new SecAggSharesSent(round, clientId, index, to, ciphertexts, signature);
    }

    /** The unsigned message for {@code shares} (a zero signature), for {@link io.flotilla.wire.seal.SecAggReportSigner} to sign. */
    public static SecAggSharesSent of(int round, String clientId, ShareKeys shares) {
        List<EncryptedShare> sorted = new ArrayList<>(shares.shares());
        sorted.sort((a, b) -> Integer.compare(a.to(), b.to()));
        int[] to = new int[sorted.size()];
        byte[] packed = new byte[sorted.size() * SecAggChecks.SHARE_CIPHERTEXT];
        for (int i = 0; i < to.length; i++) {
            byte[] c = sorted.get(i).ciphertext();
            if (c.length != SecAggChecks.SHARE_CIPHERTEXT) {
                throw new IllegalArgumentException("share ciphertext has " + c.length + " bytes, expected "
                        + SecAggChecks.SHARE_CIPHERTEXT);
            }
            to[i] = sorted.get(i).to();
            System.arraycopy(c, 0, packed, i * SecAggChecks.SHARE_CIPHERTEXT, SecAggChecks.SHARE_CIPHERTEXT);
        }
        return new SecAggSharesSent(round, clientId, shares.client(), to, packed,
                new byte[SecAggChecks.SIGNATURE_SIZE]);
    }

    /** The shares as the protocol state machine takes them. */
    public ShareKeys toShareKeys() {
        List<EncryptedShare> out = new ArrayList<>(to.length);
        for (int i = 0; i < to.length; i++) {
            out.add(new EncryptedShare(index, to[i], SecAggChecks.slice(ciphertexts, i,
                    SecAggChecks.SHARE_CIPHERTEXT)));
        }
        return new ShareKeys(index, out);
    }

    @Override
    public int[] to() {
        return to.clone();
    }

    @Override
    public byte[] ciphertexts() {
        return ciphertexts.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }
}
