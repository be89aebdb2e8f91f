package io.flotilla.crypto;

/**
 * Parameters of {@link AesGcmSegmentedAead}: the ciphertext segment size, tag included, and how many threads may
 * process the segments of one large message. Small segments reach the JIT-compiled AES-GCM path sooner and map
 * onto transfer chunks (1 MiB segments stay on the slow path far longer, see benchmarks/crypto.md); segments are
 * independent, so a cold JVM can spread them over its cores. The output does not depend on the parallelism.
 */
public record SegmentedAeadParameters(int segmentSize, int parallelism) {
    public static final int MIN_SEGMENT = 64 * 1024;
    public static final int MAX_SEGMENT = 1024 * 1024;
    /** Messages with fewer segments than this are processed on the calling thread alone. */
    static final int MIN_PARALLEL_SEGMENTS = 8;

    public SegmentedAeadParameters {
        if (segmentSize < MIN_SEGMENT || segmentSize > MAX_SEGMENT) {
            throw new IllegalArgumentException("segment size " + segmentSize + " outside " + MIN_SEGMENT + ".."
                    + MAX_SEGMENT);
        }
        if (parallelism < 1 || parallelism > 64) {
            throw new IllegalArgumentException("parallelism " + parallelism + " outside 1..64");
        }
    }

    /** Single-threaded processing with the given segment size. */
    public SegmentedAeadParameters(int segmentSize) {
        this(segmentSize, 1);
    }

    /** 256 KiB segments, processed on up to four of the available cores. */
    public static SegmentedAeadParameters defaults() {
        return new SegmentedAeadParameters(256 * 1024, Math.min(4, Runtime.getRuntime().availableProcessors()));
    }
}
