package io.flotilla.pruning.compression;

import io.flotilla.model.ParameterMask;
import java.util.SplittableRandom;

/**
 * Client side of compressed updates: encodes each round's delta with the configured codec before it is sealed,
 * through an {@link ErrorFeedback} residual when {@code error-feedback} is on, so what top-k drops this round is
 * added to the next round's delta. The residual is this client's state across rounds (one model-sized array,
 * allocated on the first delta) and never leaves it.
 *
 * <p>Quantisation draws from a generator seeded by the caller (the round's training seed), so deterministic
 * simulations are reproducible. Used by one training task at a time (a client trains one round at a time): not
 * thread-safe.
 */
public final class UpdateCompressor {
    private static final long SEED_SALT = 0x5DEECE66DL;

    private final CompressionConfig config;
    private final DeltaCodec codec;
    private ErrorFeedback feedback;

    /** A compressor for {@code config}, which must compress ({@link UpdateDecoder#requireWireable}). */
    public UpdateCompressor(CompressionConfig config) {
        this.config = UpdateDecoder.requireWireable(config);
        this.codec = config.codec().orElseThrow();
    }

    public CompressionConfig config() {
        return config;
    }

    /**
     * Encodes {@code delta} (not modified) for the coordinator. With a pruning {@code mask} (or null), the residual
     * is first cleared at pruned coordinates, so nothing a newly pruned weight accumulated is ever sent.
     *
     * @param seed seed of this round's stochastic rounding
     */
    public byte[] compress(float[] delta, ParameterMask mask, long seed) {
        SplittableRandom rng = new SplittableRandom(seed ^ SEED_SALT);
        byte[] bytes;
        if (config.errorFeedback()) {
            if (feedback == null) {
                feedback = new ErrorFeedback(delta.length);
            }
            if (mask != null) {
                feedback.applyMaskInPlace(mask);
            }
            bytes = feedback.encode(delta, codec, rng);
        } else {
            bytes = codec.encode(delta, rng);
        }
        if (bytes.length > UpdateDecoder.maxEncodedSize(delta.length)) {
            throw new IllegalStateException("compressed update of " + bytes.length + " bytes exceeds the bound of "
                    + UpdateDecoder.maxEncodedSize(delta.length) + " for " + delta.length + " values");
        }
        return bytes;
    }

    /** A copy of the error-feedback residual, or an empty array before the first round or without feedback. */
    public float[] residual() {
        return feedback == null ? new float[0] : feedback.residual();
    }
}
