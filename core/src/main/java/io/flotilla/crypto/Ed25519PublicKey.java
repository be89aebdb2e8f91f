package io.flotilla.crypto;

import io.flotilla.crypto.internal.BcEd25519;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

/** An Ed25519 public key (RFC 8032) that verifies signatures; 32 bytes, public. */
public final class Ed25519PublicKey implements PublicKeyVerify {
    public static final int SIZE = 32;
    private final byte[] bytes;

    private Ed25519PublicKey(byte[] bytes) {
        this.bytes = bytes;
    }

    public static Ed25519PublicKey fromBytes(byte[] bytes) {
        if (bytes.length != SIZE) {
            throw new IllegalArgumentException("Ed25519 public key has " + bytes.length + " bytes, expected " + SIZE);
        }
        return new Ed25519PublicKey(bytes.clone());
    }

    public byte[] toBytes() {
        return bytes.clone();
    }

    @Override
    public void verify(byte[] signature, byte[] message) throws GeneralSecurityException {
        if (!BcEd25519.verify(bytes, signature, message)) {
            throw new GeneralSecurityException("invalid signature");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ed25519PublicKey k && MessageDigest.isEqual(bytes, k.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "Ed25519PublicKey[" + HexFormat.of().formatHex(bytes) + "]";
    }
}
