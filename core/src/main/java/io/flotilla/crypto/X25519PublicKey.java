package io.flotilla.crypto;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

/** An X25519 public key (RFC 7748), 32 bytes; public, so its bytes may be read freely. */
public final class X25519PublicKey {
    public static final int SIZE = 32;
    private final byte[] bytes;

    private X25519PublicKey(byte[] bytes) {
        this.bytes = bytes;
    }

    public static X25519PublicKey fromBytes(byte[] bytes) {
        if (bytes.length != SIZE) {
            throw new IllegalArgumentException("X25519 public key has " + bytes.length + " bytes, expected " + SIZE);
        }
        return new X25519PublicKey(bytes.clone());
    }

    public byte[] toBytes() {
        return bytes.clone();
    }

    /** Writes the key into {@code out} at {@code offset} without allocating. */
    public void writeTo(byte[] out, int offset) {
        System.arraycopy(bytes, 0, out, offset, SIZE);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof X25519PublicKey k && MessageDigest.isEqual(bytes, k.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "X25519PublicKey[" + HexFormat.of().formatHex(bytes, 0, 8) + "...]";
    }
}
