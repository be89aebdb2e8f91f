package io.flotilla.crypto.envelope;

import io.flotilla.crypto.X25519PublicKey;

/** The public half of a {@link RoundKeyPair}: the key clients seal their updates of {@code round} to. */
public record RoundPublicKey(long round, X25519PublicKey key) {
    public RoundPublicKey {
        if (round < 0 || key == null) {
            throw new IllegalArgumentException("round must be non-negative (got " + round + ") and key present");
        }
    }
}
