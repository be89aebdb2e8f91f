package io.flotilla.crypto.secagg;

/**
 * The shares of {@code from}'s two secrets for holder {@code to}, AES-GCM encrypted under a key only {@code from}
 * and {@code to} can derive, so the relaying server learns nothing. The ciphertext is copied in and out.
 */
public record EncryptedShare(int from, int to, byte[] ciphertext) {
    public EncryptedShare {
        if (from < 0 || to < 0) {
            throw new IllegalArgumentException("client ids must be non-negative, got " + from + " and " + to);
        }
        ciphertext = ciphertext.clone();
    }

    @Override
    public byte[] ciphertext() {
        return ciphertext.clone();
    }

    public long wireBytes() {
        return 8 + 4 + ciphertext.length;
    }
}
