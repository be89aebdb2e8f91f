package io.flotilla.crypto;

import java.security.GeneralSecurityException;

/**
 * Authenticated encryption with associated data. {@code encrypt} provides confidentiality and integrity of the
 * plaintext and integrity of the associated data; {@code decrypt} returns the plaintext only if the ciphertext
 * and the associated data are exactly what was encrypted, and otherwise throws {@link GeneralSecurityException}.
 * Implementations are thread-safe and choose a fresh nonce for every call to {@code encrypt}.
 */
public interface Aead {
    byte[] encrypt(byte[] plaintext, byte[] associatedData) throws GeneralSecurityException;

    byte[] decrypt(byte[] ciphertext, byte[] associatedData) throws GeneralSecurityException;
}
