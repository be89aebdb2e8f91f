package io.flotilla.pruning.compression;

import java.util.random.RandomGenerator;

/**
 * Client-side error feedback for lossy update compression (Seide et al. 2014; Karimireddy et al. 2019): what a
 * round's compression dropped is kept as a residual and added to the next round's delta before compressing, so no
 * part of an update is lost, only delayed. The residual is the exact difference between the accumulated delta and
 * what the coordinator will decode from the sent bytes. Memory: one model-sized residual. Owned by one client;
 * the residual is client state, not sent anywhere.
 */
public final class ErrorFeedback {
    private final float[] residual;

    public ErrorFeedback(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("delta size must be positive, got " + size);
        }
        this.residual = new float[size];
    }

    /**
     * Compresses {@code delta + residual} with {@code codec} and keeps what the coordinator will not see as the new
     * residual. {@code delta} is not modified.
     */
    public byte[] encode(float[] delta, DeltaCodec codec, RandomGenerator rng) {
        if (delta.length != residual.length) {
            throw new IllegalArgumentException("delta has " + delta.length + " values, residual has "
                    + residual.length);
        }
        float[] acc = new float[delta.length];
        for (int i = 0; i < acc.length; i++) {
            acc[i] = delta[i] + residual[i];
        }
        byte[] bytes = codec.encode(acc, rng);
        float[] sent = codec.decode(bytes, acc.length);
        for (int i = 0; i < acc.length; i++) {
            residual[i] = acc[i] - sent[i];
        }
        return bytes;
    }

    /** A copy of the current residual. */
    public float[] residual() {
        return residual.clone();
    }

    /** Replaces the residual with a copy of {@code saved} (a client restarting from its own state). */
    public void restore(float[] saved) {
        if (saved.length != residual.length) {
            throw new IllegalArgumentException("saved residual has " + saved.length + " values, expected "
                    + residual.length);
        }
        System.arraycopy(saved, 0, residual, 0, saved.length);
    }

    /**
     * Zeroes the residual at the coordinates {@code mask} prunes, so a weight pruned since the last round does not
     * carry its accumulated error into an update.
     */
    public void applyMaskInPlace(io.flotilla.model.ParameterMask mask) {
        if (mask.layout().totalSize() != residual.length) {
            throw new IllegalArgumentException("mask covers " + mask.layout().totalSize() + " values, residual has "
                    + residual.length);
        }
        mask.applyInPlace(residual);
    }

    /** Forgets the residual (for example when the model layout changes). */
    public void reset() {
        java.util.Arrays.fill(residual, 0f);
    }
}
