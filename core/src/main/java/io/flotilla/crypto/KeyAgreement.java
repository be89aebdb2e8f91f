package io.flotilla.crypto;

import java.security.GeneralSecurityException;

/**
 * Diffie-Hellman key agreement: both sides obtain the same shared secret from their private key and the other's
 * public key. The raw secret is not uniformly random: feed it through {@link Hkdf} before using it as a key.
 * Throws if the result is degenerate (a low-order peer key gives the all-zero secret).
 */
public interface KeyAgreement {
    SecretBytes agree(X25519PublicKey peer) throws GeneralSecurityException;
}
