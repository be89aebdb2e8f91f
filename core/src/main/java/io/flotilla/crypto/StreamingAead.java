package io.flotilla.crypto;

import java.security.GeneralSecurityException;

/**
 * An {@link Aead} for large messages, cut into independently authenticated segments so that the fast path of the
 * cipher is reached early and segments map onto transfer chunks. On top of the {@link Aead} contract, decryption
 * fails if segments were reordered, dropped from the end, appended, or taken from another message.
 */
public interface StreamingAead extends Aead {
    /** The exact ciphertext length for a plaintext of {@code plaintextLength} bytes. */
    long ciphertextSize(long plaintextLength);
}
