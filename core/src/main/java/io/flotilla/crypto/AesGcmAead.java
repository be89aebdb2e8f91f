package io.flotilla.crypto;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-GCM on the JDK provider (hardware-accelerated), for small messages: output is a random 12-byte nonce, the
 * ciphertext and a 16-byte tag. Random nonces bound the safe number of messages per key to about 2^32; keys here
 * are derived per peer pair or per message, far below that. Large messages go through {@link AesGcmSegmentedAead}.
 */
public final class AesGcmAead implements Aead {
    public static final int NONCE_SIZE = 12;
    public static final int TAG_SIZE = 16;
    private final SecretKeySpec key;
    private final SecureRandom random;

    public AesGcmAead(SecretBytes key, SecureRandom random) {
        if (key.size() != 16 && key.size() != 32) {
            throw new IllegalArgumentException("AES-GCM key has " + key.size() + " bytes, expected 16 or 32");
        }
        this.key = new SecretKeySpec(key.toByteArrayInsecure(), "AES");
        this.random = random;
    }

    @Override
    public byte[] encrypt(byte[] plaintext, byte[] associatedData) throws GeneralSecurityException {
        byte[] out = new byte[NONCE_SIZE + plaintext.length + TAG_SIZE];
        byte[] nonce = new byte[NONCE_SIZE];
        random.nextBytes(nonce);
        System.arraycopy(nonce, 0, out, 0, NONCE_SIZE);
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_SIZE * 8, nonce));
        c.updateAAD(associatedData);
        c.doFinal(plaintext, 0, plaintext.length, out, NONCE_SIZE);
        return out;
    }

    @Override
    public byte[] decrypt(byte[] ciphertext, byte[] associatedData) throws GeneralSecurityException {
        if (ciphertext.length < NONCE_SIZE + TAG_SIZE) {
            throw new GeneralSecurityException("ciphertext has " + ciphertext.length + " bytes, minimum is "
                    + (NONCE_SIZE + TAG_SIZE));
        }
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_SIZE * 8, ciphertext, 0, NONCE_SIZE));
        c.updateAAD(associatedData);
        return c.doFinal(ciphertext, NONCE_SIZE, ciphertext.length - NONCE_SIZE);
    }

    /** AES-GCM with a caller-chosen nonce, for known-answer tests only: reusing a nonce destroys security. */
    static byte[] encryptWithNonceInsecure(SecretBytes key, byte[] nonce, byte[] plaintext, byte[] aad)
            throws GeneralSecurityException {
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key.toByteArrayInsecure(), "AES"),
                new GCMParameterSpec(TAG_SIZE * 8, nonce));
        c.updateAAD(aad);
        return c.doFinal(plaintext);
    }
}
