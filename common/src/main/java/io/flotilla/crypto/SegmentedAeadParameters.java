package io.flotilla.crypto;

/**
 * Parameters of {@link AesGcmSegmentedAead}: the ciphertext segment size, tag included. Small segments reach the
 * JIT-compiled AES-GCM path sooner and map onto transfer chunks; large ones cost less per-segment overhead.
 */
public record SegmentedAeadParameters(int segmentSize) {
    public static final int MIN_SEGMENT = 64 * 1024;
    public static final int MAX_SEGMENT = 1024 * 1024;

    public SegmentedAeadParameters {
        if (segmentSize < MIN_SEGMENT || segmentSize > MAX_SEGMENT) {
            throw new IllegalArgumentException("segment size " + segmentSize + " outside " + MIN_SEGMENT + ".."
                    + MAX_SEGMENT);
        }
    }

    /** 256 KiB segments: fast on cold and warm JVMs alike (see benchmarks/crypto.md). */
    public static SegmentedAeadParameters defaults() {
        return new SegmentedAeadParameters(256 * 1024);
    }
}
