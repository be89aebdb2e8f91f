package io.flotilla.pruning.compression;

import java.util.random.RandomGenerator;

/**
 * A lossy or lossless encoding of a client delta for the wire. {@link #decode} runs on the coordinator over
 * untrusted bytes: it checks every length against the expected size and the bytes present and throws
 * {@link io.flotilla.model.MalformedEncodingException} for anything else. Implementations are immutable and
 * thread-safe; randomness comes from the caller's seeded generator so runs are reproducible.
 */
public interface DeltaCodec {

    /** Short name for configuration and reports ({@code top-k}, {@code q8}, {@code top-k+q8}). */
    String name();

    /** Encodes {@code delta} (not modified). */
    byte[] encode(float[] delta, RandomGenerator rng);

    /** Decodes bytes from {@link #encode} for a delta of {@code expectedSize} values. */
    float[] decode(byte[] bytes, int expectedSize);

    /**
     * Decodes like {@link #decode}, but a codec that sends a subset of coordinates returns them as a sparse
     * {@link DecodedDelta} (no model-sized array), so that a streaming accumulator folds only what was sent. The
     * default is the dense decode.
     */
    default DecodedDelta decodeSparse(byte[] bytes, int expectedSize) {
        return DecodedDelta.dense(decode(bytes, expectedSize));
    }
}
