package io.flotilla.pruning;

import io.flotilla.model.FloatKernels;


/**
 * Magnitude pruning as static kernels over the flat parameter array and a 0/1 keep array: zero the smallest
 * {@code |w|} of a group of tensor ranges until the group reaches a target number of pruned entries.
 *
 * <p>The threshold is the k-th smallest magnitude found by quickselect on a copy of the group's kept magnitudes
 * (expected O(n), no sort of the model); ties at the threshold are pruned in index order, so exactly the target
 * count is pruned and the result is deterministic. Extra memory: one {@code float} per parameter of the group (the
 * caller's scratch, reused).
 */
public final class MagnitudePruning {
    private MagnitudePruning() {
    }

    /**
     * Prunes the group of ranges {@code [offsets[i], offsets[i] + sizes[i])} to {@code sparsity} of its entries.
     * Entries already pruned ({@code keep == 0}) stay pruned and count towards the target; when the group is
     * already at or above the target nothing changes (the mask is monotone). Modifies {@code keep} and
     * {@code scratch}; returns the number of entries newly pruned.
     *
     * @param scratch at least the group's total size
     */
    public static int pruneGroupInPlace(float[] values, float[] keep, int[] offsets, int[] sizes, float sparsity,
                                        float[] scratch) {
        if (values.length != keep.length) {
            throw new IllegalArgumentException("values have " + values.length + " entries, mask has " + keep.length);
        }
        if (!(sparsity >= 0f && sparsity <= 1f)) {
            throw new IllegalArgumentException("sparsity must be in [0, 1], got " + sparsity);
        }
        long total = 0;
        long alreadyPruned = 0;
        for (int g = 0; g < offsets.length; g++) {
            total += sizes[g];
            for (int i = offsets[g], end = offsets[g] + sizes[g]; i < end; i++) {
                if (keep[i] == 0f) {
                    alreadyPruned++;
                }
            }
        }
        if (scratch.length < total) {
            throw new IllegalArgumentException("scratch has " + scratch.length + " entries, group has " + total);
        }
        long target = Math.round((double) sparsity * total);
        int toPrune = (int) (target - alreadyPruned);
        if (toPrune <= 0) {
            return 0;
        }
        int m = 0;
        for (int g = 0; g < offsets.length; g++) {
            for (int i = offsets[g], end = offsets[g] + sizes[g]; i < end; i++) {
                if (keep[i] != 0f) {
                    scratch[m++] = Math.abs(values[i]);
                }
            }
        }
        float threshold = FloatKernels.select(scratch, 0, m, toPrune - 1);
        int pruned = 0;
        for (int g = 0; g < offsets.length; g++) {
            for (int i = offsets[g], end = offsets[g] + sizes[g]; i < end; i++) {
                if (keep[i] != 0f && Math.abs(values[i]) < threshold) {
                    keep[i] = 0f;
                    pruned++;
                }
            }
        }
        for (int g = 0; g < offsets.length && pruned < toPrune; g++) {
            for (int i = offsets[g], end = offsets[g] + sizes[g]; i < end && pruned < toPrune; i++) {
                if (keep[i] != 0f && Math.abs(values[i]) == threshold) {
                    keep[i] = 0f;
                    pruned++;
                }
            }
        }
        return pruned;
    }
}
