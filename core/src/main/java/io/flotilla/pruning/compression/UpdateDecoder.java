package io.flotilla.pruning.compression;

import io.flotilla.model.MalformedEncodingException;


/**
 * Coordinator side of compressed updates: turns the untrusted codec bytes inside an opened update into a
 * {@link DecodedDelta}, accepting only the federation's configured compression. On top of the codec's own strict
 * checks (magic, size, index range and order, segment counts, no trailing bytes) it refuses a top-k update that
 * carries more than {@code ceil(fraction x n)} entries (a client may not send a denser update than configured).
 * Every refusal is a {@link MalformedEncodingException} naming the sizes involved. Values are not checked for
 * finiteness here (float32 top-k values may be NaN); the caller does, with {@link DecodedDelta#firstNonFinite()},
 * so the round counts them as non-finite rather than malformed.
 *
 * <p>Immutable and thread-safe. Memory: the sparse result of a top-k update is O(k); 8-bit updates decode dense.
 */
public final class UpdateDecoder {
    /** Smallest quantisation chunk the update path accepts: keeps every encoding below {@link #maxEncodedSize}. */
    public static final int MIN_CHUNK_SIZE = 16;

    private final CompressionConfig config;
    private final DeltaCodec codec;

    /** A decoder for updates compressed as {@code config} says; refuses {@code method = none}. */
    public UpdateDecoder(CompressionConfig config) {
        this.config = requireWireable(config);
        this.codec = config.codec().orElseThrow();
    }

    /**
     * Checks that {@code config} compresses and can travel in an update: {@code method != none} and a quantisation
     * chunk of at least {@link #MIN_CHUNK_SIZE}.
     */
    public static CompressionConfig requireWireable(CompressionConfig config) {
        if (config == null || config.codec().isEmpty()) {
            throw new IllegalArgumentException("compression method must be one of top-k, q8, top-k+q8, got "
                    + (config == null ? "null" : config.method()));
        }
        if (config.method().contains("q8") && config.chunkSize() < MIN_CHUNK_SIZE) {
            throw new IllegalArgumentException("compression chunk-size must be at least " + MIN_CHUNK_SIZE
                    + " (8-bit scales cost 8 bytes per chunk), got " + config.chunkSize());
        }
        return config;
    }

    /**
     * Upper bound on the bytes of any update of {@code size} values this path produces or accepts: dense float32
     * plus a bitmap and headers (top-k at a fraction near 1 with float32 values is the largest case).
     */
    public static long maxEncodedSize(int size) {
        return 4L * size + (size + 7L) / 8 + 64;
    }

    public CompressionConfig config() {
        return config;
    }

    /**
     * Decodes untrusted {@code bytes} into a delta of {@code size} values.
     *
     * @throws MalformedEncodingException when the bytes are not a valid update of this configuration
     */
    public DecodedDelta decode(byte[] bytes, int size) {
        if (bytes.length > maxEncodedSize(size)) {
            throw new MalformedEncodingException("compressed update of " + bytes.length + " bytes exceeds the "
                    + maxEncodedSize(size) + " a " + size + "-value delta can take");
        }
        DecodedDelta d = codec.decodeSparse(bytes, size);
        if (d.size() != size) {
            throw new MalformedEncodingException("update decodes to " + d.size() + " values, model has " + size);
        }
        if (d.isSparse()) {
            int allowed = TopK.count(config.fraction(), size);
            if (d.count() > allowed) {
                throw new MalformedEncodingException("top-k update carries " + d.count() + " entries, at most "
                        + allowed + " (fraction " + config.fraction() + " of " + size + ") are allowed");
            }
        }
        return d;
    }
}
