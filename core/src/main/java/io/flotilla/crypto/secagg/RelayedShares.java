package io.flotilla.crypto.secagg;

import java.util.List;

/**
 * Stage 1 result, server to one client in U2: the encrypted shares addressed to it. Their senders are exactly
 * the client's neighbours in U2, the peers it masks with.
 */
public record RelayedShares(int to, List<EncryptedShare> shares) {
    public RelayedShares {
        shares = List.copyOf(shares);
        for (EncryptedShare s : shares) {
            if (s.to() != to) {
                throw new IllegalArgumentException("share for " + s.to() + " relayed to " + to);
            }
        }
    }

    public long wireBytes() {
        long b = 8;
        for (EncryptedShare s : shares) {
            b += s.wireBytes();
        }
        return b;
    }
}
