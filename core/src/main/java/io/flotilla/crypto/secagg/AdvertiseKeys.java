package io.flotilla.crypto.secagg;

import io.flotilla.crypto.X25519PublicKey;

/** Stage 0, client to server: the client's public keys for share encryption and for pairwise masks. */
public record AdvertiseKeys(int client, X25519PublicKey cipherKey, X25519PublicKey maskKey) {
    public AdvertiseKeys {
        if (client < 0 || cipherKey == null || maskKey == null) {
            throw new IllegalArgumentException("client " + client + " must be non-negative and both keys present");
        }
    }

    /** Payload bytes on the wire: id and two keys. */
    public long wireBytes() {
        return 4 + 2L * X25519PublicKey.SIZE;
    }
}
