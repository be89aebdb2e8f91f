package io.flotilla.wire.protocol;

import io.flotilla.crypto.secagg.EncryptedShare;
import io.flotilla.crypto.secagg.RelayedShares;
import io.flotilla.wire.ProtocolChecks;
import java.util.ArrayList;
import java.util.List;

/**
 * Coordinator to a member that sent its shares (stage 1 result): the encrypted share pairs addressed to member
 * {@code to}, from the ascending senders {@code from}, each ciphertext {@link #SHARE_CIPHERTEXT} bytes, packed in
 * sender order. Only {@code from} and {@code to} can decrypt them. Arrays are copied in and out.
 */
public record SecAggRelayedShares(int round, long session, int to, int[] from, byte[] ciphertexts)
        implements ClientMessage {
    /** Bytes of one encrypted share pair. */
    public static final int SHARE_CIPHERTEXT = SecAggChecks.SHARE_CIPHERTEXT;

    public SecAggRelayedShares {
        ProtocolChecks.requireRound(round);
        SecAggChecks.requireIndex(to, "recipient");
        from = SecAggChecks.ascendingIndices(from, "senders");
        ciphertexts = SecAggChecks.packed(ciphertexts, from.length, SHARE_CIPHERTEXT, "relayed shares");
    }

    /** The message carrying {@code shares}; refuses ciphertexts of another size. */
    public static SecAggRelayedShares of(int round, long session, RelayedShares shares) {
        List<EncryptedShare> sorted = new ArrayList<>(shares.shares());
        sorted.sort((a, b) -> Integer.compare(a.from(), b.from()));
        int[] from = new int[sorted.size()];
        byte[] packed = new byte[sorted.size() * SHARE_CIPHERTEXT];
        for (int i = 0; i < from.length; i++) {
            byte[] c = sorted.get(i).ciphertext();
            if (c.length != SHARE_CIPHERTEXT) {
                throw new IllegalArgumentException("share ciphertext has " + c.length + " bytes, expected "
                        + SHARE_CIPHERTEXT);
            }
            from[i] = sorted.get(i).from();
            System.arraycopy(c, 0, packed, i * SHARE_CIPHERTEXT, SHARE_CIPHERTEXT);
        }
        return new SecAggRelayedShares(round, session, shares.to(), from, packed);
    }

    /** The shares as the protocol state machine takes them. */
    public RelayedShares toRelayedShares() {
        List<EncryptedShare> out = new ArrayList<>(from.length);
        for (int i = 0; i < from.length; i++) {
            out.add(new EncryptedShare(from[i], to, SecAggChecks.slice(ciphertexts, i, SHARE_CIPHERTEXT)));
        }
        return new RelayedShares(to, out);
    }

    @Override
    public int[] from() {
        return from.clone();
    }

    @Override
    public byte[] ciphertexts() {
        return ciphertexts.clone();
    }
}
