package io.flotilla.crypto;

import io.flotilla.crypto.internal.BcEd25519;
import java.security.SecureRandom;

/** An Ed25519 signing key (RFC 8032, pure Ed25519) with its public key; the seed is a private copy. */
public final class Ed25519PrivateKey implements PublicKeySign {
    public static final int SIZE = 32;
    private final SecretBytes seed;
    private final Ed25519PublicKey publicKey;

    private Ed25519PrivateKey(byte[] seed) {
        this.seed = SecretBytes.copyFrom(seed);
        this.publicKey = Ed25519PublicKey.fromBytes(BcEd25519.publicFromPrivate(seed));
    }

    public static Ed25519PrivateKey generate(SecureRandom random) {
        byte[] s = new byte[SIZE];
        random.nextBytes(s);
        return new Ed25519PrivateKey(s);
    }

    /** Loads a key from its 32-byte seed (the RFC 8032 "private key"). */
    public static Ed25519PrivateKey fromSeed(SecretBytes seed) {
        if (seed.size() != SIZE) {
            throw new IllegalArgumentException("Ed25519 seed has " + seed.size() + " bytes, expected " + SIZE);
        }
        return new Ed25519PrivateKey(seed.toByteArrayInsecure());
    }

    public Ed25519PublicKey publicKey() {
        return publicKey;
    }

    /** The seed, for writing the key to an owner-only file. */
    public SecretBytes seed() {
        return seed;
    }

    @Override
    public byte[] sign(byte[] message) {
        return BcEd25519.sign(seed.toByteArrayInsecure(), publicKey.toBytes(), message);
    }

    @Override
    public String toString() {
        return "Ed25519PrivateKey[public=" + publicKey + "]";
    }
}
