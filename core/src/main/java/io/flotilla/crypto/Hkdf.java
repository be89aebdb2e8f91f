package io.flotilla.crypto;

import io.flotilla.crypto.internal.BcHkdf;

/** HKDF-SHA256 (RFC 5869): derives uniformly random keys from a shared secret, bound to a context string. */
public final class Hkdf {
    /** RFC 5869 caps the output at 255 hash lengths. */
    public static final int MAX_OUTPUT = 255 * 32;

    private Hkdf() {
    }

    /** Extract-then-expand: {@code length} bytes from {@code ikm}, with an optional {@code salt} (may be empty). */
    public static SecretBytes sha256(SecretBytes ikm, byte[] salt, byte[] info, int length) {
        if (length <= 0 || length > MAX_OUTPUT) {
            throw new IllegalArgumentException("HKDF output length " + length + " outside 1.." + MAX_OUTPUT);
        }
        return SecretBytes.copyFrom(BcHkdf.sha256(ikm.toByteArrayInsecure(), salt, info, length));
    }
}
