package io.flotilla.crypto.envelope;

import io.flotilla.crypto.X25519PrivateKey;
import java.security.SecureRandom;

/**
 * The coordinator's ephemeral X25519 key pair for one round. A fresh pair per round gives forward secrecy across
 * rounds and makes an update sealed to another round's key unopenable.
 */
public final class RoundKeyPair {
    private final long round;
    private final X25519PrivateKey key;

    private RoundKeyPair(long round, X25519PrivateKey key) {
        if (round < 0) {
            throw new IllegalArgumentException("round must be non-negative, got " + round);
        }
        this.round = round;
        this.key = key;
    }

    public static RoundKeyPair generate(long round, SecureRandom random) {
        return new RoundKeyPair(round, X25519PrivateKey.generate(random));
    }

    public long round() {
        return round;
    }

    /** What the coordinator publishes to the cohort. */
    public RoundPublicKey publicKey() {
        return new RoundPublicKey(round, key.publicKey());
    }

    X25519PrivateKey privateKey() {
        return key;
    }
}
