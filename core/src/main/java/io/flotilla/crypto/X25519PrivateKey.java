package io.flotilla.crypto;

import io.flotilla.crypto.internal.BcX25519;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

/** An X25519 private key (RFC 7748) with its public key; a private copy, never shown by {@code toString}. */
public final class X25519PrivateKey implements KeyAgreement {
    private final SecretBytes secret;
    private final X25519PublicKey publicKey;

    private X25519PrivateKey(byte[] scalar) {
        this.secret = SecretBytes.copyFrom(scalar);
        this.publicKey = X25519PublicKey.fromBytes(BcX25519.publicFromPrivate(scalar));
    }

    public static X25519PrivateKey generate(SecureRandom random) {
        return new X25519PrivateKey(BcX25519.generatePrivate(random));
    }

    /** Rebuilds a key from its 32-byte scalar, e.g. one reconstructed from secret shares. */
    public static X25519PrivateKey fromSecret(SecretBytes scalar) {
        if (scalar.size() != X25519PublicKey.SIZE) {
            throw new IllegalArgumentException("X25519 private key has " + scalar.size() + " bytes, expected 32");
        }
        return new X25519PrivateKey(scalar.toByteArrayInsecure());
    }

    public X25519PublicKey publicKey() {
        return publicKey;
    }

    /** The scalar, for secret sharing; see {@link SecretBytes#toByteArrayInsecure()}. */
    public SecretBytes secret() {
        return secret;
    }

    @Override
    public SecretBytes agree(X25519PublicKey peer) throws GeneralSecurityException {
        return SecretBytes.copyFrom(BcX25519.agree(secret.toByteArrayInsecure(), peer.toBytes()));
    }

    @Override
    public String toString() {
        return "X25519PrivateKey[public=" + publicKey + "]";
    }
}
