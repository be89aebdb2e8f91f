package io.flotilla.wire.protocol;

import io.flotilla.crypto.AesGcmAead;
import io.flotilla.crypto.secagg.ShamirSecretSharer;

/** Shape checks shared by the secure aggregation messages' compact constructors: ids, sizes, array lengths. */
public final class SecAggChecks {
    /**
     * Largest cohort a secure aggregation session may have. The key list and a complete-graph share message grow
     * with the cohort and must fit one actor message (240 KiB); larger federations use SecAgg+ neighbours.
     */
    public static final int MAX_COHORT = 2000;
    /** Bytes of one encrypted share pair: nonce, the two Shamir shares, tag. */
    static final int SHARE_CIPHERTEXT = AesGcmAead.NONCE_SIZE + 2 * ShamirSecretSharer.SHARE_SIZE
            + AesGcmAead.TAG_SIZE;
    /** Bytes of one Shamir share value. */
    static final int SHARE_SIZE = ShamirSecretSharer.SHARE_SIZE;
    /** Bytes of an X25519 public key. */
    static final int KEY_SIZE = 32;
    /** Bytes of an Ed25519 signature. */
    static final int SIGNATURE_SIZE = 64;

    private SecAggChecks() {
    }

    static void requireIndex(int index, String what) {
        if (index < 0 || index >= MAX_COHORT) {
            throw new IllegalArgumentException(what + " " + index + " outside 0.." + (MAX_COHORT - 1));
        }
    }

    /** Strictly ascending indices in 0..MAX_COHORT-1 (so no duplicates); returns a copy. */
    static int[] ascendingIndices(int[] indices, String what) {
        if (indices == null) {
            throw new IllegalArgumentException(what + " must not be null");
        }
        if (indices.length > MAX_COHORT) {
            throw new IllegalArgumentException(what + " has " + indices.length + " entries, at most " + MAX_COHORT);
        }
        for (int i = 0; i < indices.length; i++) {
            requireIndex(indices[i], what + " entry");
            if (i > 0 && indices[i] <= indices[i - 1]) {
                throw new IllegalArgumentException(what + " must be strictly ascending, got " + indices[i - 1]
                        + " then " + indices[i]);
            }
        }
        return indices.clone();
    }

    /** {@code bytes} holds exactly {@code count} items of {@code itemSize} bytes; returns a copy. */
    static byte[] packed(byte[] bytes, int count, int itemSize, String what) {
        if (bytes == null) {
            throw new IllegalArgumentException(what + " must not be null");
        }
        long expected = (long) count * itemSize;
        if (bytes.length != expected) {
            throw new IllegalArgumentException(what + " has " + bytes.length + " bytes, expected " + expected + " ("
                    + count + " x " + itemSize + ")");
        }
        return bytes.clone();
    }

    /** An Ed25519 signature: exactly {@link #SIGNATURE_SIZE} bytes; returns a copy. */
    static byte[] signature(byte[] signature) {
        return packed(signature, 1, SIGNATURE_SIZE, "signature");
    }

    static byte[] slice(byte[] packed, int item, int itemSize) {
        byte[] out = new byte[itemSize];
        System.arraycopy(packed, item * itemSize, out, 0, itemSize);
        return out;
    }
}
