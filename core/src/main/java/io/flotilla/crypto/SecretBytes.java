package io.flotilla.crypto;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Secret key material held as a private copy. The bytes leave this object only through
 * {@link #toByteArrayInsecure()}, whose name marks every place that handles raw secrets, and
 * {@link #equalsConstantTime} compares without a timing side channel. {@code toString} never shows the bytes.
 */
public final class SecretBytes {
    private final byte[] bytes;

    private SecretBytes(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A private copy of {@code bytes}; the caller may wipe its array afterwards. */
    public static SecretBytes copyFrom(byte[] bytes) {
        return new SecretBytes(bytes.clone());
    }

    /** {@code length} fresh bytes from {@code random}. */
    public static SecretBytes random(int length, SecureRandom random) {
        if (length <= 0) {
            throw new IllegalArgumentException("length must be positive, got " + length);
        }
        byte[] b = new byte[length];
        random.nextBytes(b);
        return new SecretBytes(b);
    }

    public int size() {
        return bytes.length;
    }

    /** A copy of the raw secret: every caller of this method handles key material and must not log or keep it. */
    public byte[] toByteArrayInsecure() {
        return bytes.clone();
    }

    /** Compares contents in time independent of where they differ. */
    public boolean equalsConstantTime(SecretBytes other) {
        return MessageDigest.isEqual(bytes, other.bytes);
    }

    /** Overwrites the bytes with zeros; the object is unusable afterwards. */
    public void destroy() {
        Arrays.fill(bytes, (byte) 0);
    }

    @Override
    public String toString() {
        return "SecretBytes[" + bytes.length + " bytes]";
    }
}
