package io.flotilla.wire.transfer;

import io.flotilla.crypto.Sha256;
import io.flotilla.wire.WireMessage;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The name of a blob: the SHA-256 of its bytes. Two blobs with the same id hold the same bytes.
 *
 * @param sha256 the 32-byte digest (copied in and out)
 */
public record BlobId(byte[] sha256) implements WireMessage {

    /** Length of a SHA-256 digest in bytes. */
    public static final int LENGTH = 32;

    public BlobId {
        if (sha256 == null || sha256.length != LENGTH) {
            throw new IllegalArgumentException("a blob id is a " + LENGTH + "-byte SHA-256, got "
                    + (sha256 == null ? "null" : sha256.length + " bytes"));
        }
        sha256 = sha256.clone();
    }

    /** The id of {@code bytes}. */
    public static BlobId of(byte[] bytes) {
        return new BlobId(Sha256.digest().digest(bytes));
    }

    /** Parses the 64 hex digits that {@link #hex()} produces. */
    public static BlobId fromHex(String hex) {
        if (hex.length() != 2 * LENGTH) {
            throw new IllegalArgumentException("a blob id is " + 2 * LENGTH + " hex digits, got " + hex.length());
        }
        return new BlobId(HexFormat.of().parseHex(hex));
    }

    @Override
    public byte[] sha256() {
        return sha256.clone();
    }

    /** True if {@code digest} equals this id (constant time). */
    public boolean matches(byte[] digest) {
        return MessageDigest.isEqual(sha256, digest);
    }

    public String hex() {
        return HexFormat.of().formatHex(sha256);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BlobId other && Arrays.equals(sha256, other.sha256);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(sha256);
    }

    /** The first 12 hex digits, enough to tell blobs apart in logs. */
    @Override
    public String toString() {
        return "blob:" + hex().substring(0, 12);
    }
}
