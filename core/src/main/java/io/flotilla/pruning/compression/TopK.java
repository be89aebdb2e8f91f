package io.flotilla.pruning.compression;

import io.flotilla.model.FloatKernels;


/**
 * Top-k selection by magnitude: the indices of the {@code k} largest {@code |x|}, ascending, ties at the threshold
 * taken in index order, zeros never taken. The threshold comes from quickselect on a copy of {@code |x|} in the
 * caller's scratch (expected O(n), no sort).
 */
public final class TopK {
    private TopK() {
    }

    /** {@code k} for a fraction of {@code n}: {@code ceil(fraction * n)}, at least 1. */
    public static int count(float fraction, int n) {
        if (!(fraction > 0f && fraction <= 1f)) {
            throw new IllegalArgumentException("top-k fraction must be in (0, 1], got " + fraction);
        }
        return (int) Math.max(1, Math.min(n, Math.ceil((double) fraction * n)));
    }

    /**
     * Writes the indices of the {@code k} largest non-zero magnitudes of {@code x} into {@code outIdx} in ascending
     * order and returns how many were written ({@code k}, or fewer when {@code x} has fewer non-zeros). Modifies
     * {@code scratch} (length at least {@code x.length}) and {@code outIdx} (length at least {@code k}).
     */
    public static int selectInto(float[] x, int k, float[] scratch, int[] outIdx) {
        int n = x.length;
        if (k < 1 || k > n) {
            throw new IllegalArgumentException("k = " + k + " outside [1, " + n + "]");
        }
        if (scratch.length < n || outIdx.length < k) {
            throw new IllegalArgumentException("scratch has " + scratch.length + " entries and output " + outIdx.length
                    + ", need " + n + " and " + k);
        }
        for (int i = 0; i < n; i++) {
            scratch[i] = Math.abs(x[i]);
        }
        float threshold = FloatKernels.select(scratch, 0, n, n - k);
        int above = 0;
        for (int i = 0; i < n; i++) {
            if (Math.abs(x[i]) > threshold) {
                above++;
            }
        }
        int ties = threshold > 0f ? k - above : 0;
        int m = 0;
        for (int i = 0; i < n; i++) {
            float a = Math.abs(x[i]);
            if (a > threshold) {
                outIdx[m++] = i;
            } else if (a == threshold && ties > 0) {
                outIdx[m++] = i;
                ties--;
            }
        }
        return m;
    }
}
