package io.flotilla.crypto.secagg;

import java.util.List;

/** Stage 1, client to server: the encrypted shares for each of the client's share holders. */
public record ShareKeys(int client, List<EncryptedShare> shares) {
    public ShareKeys {
        shares = List.copyOf(shares);
        for (EncryptedShare s : shares) {
            if (s.from() != client) {
                throw new IllegalArgumentException("share from " + s.from() + " in the message of " + client);
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
