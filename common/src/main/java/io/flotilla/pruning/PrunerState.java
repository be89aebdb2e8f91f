package io.flotilla.pruning;

/**
 * What a {@link Pruner} checkpoints: its mask and the sparsity it last pruned to. The keep array is copied on the
 * way in and out, so a state is immutable.
 *
 * @param keep 0/1 per parameter of the layout
 * @param appliedSparsity the target sparsity of the last pruning step (0 before any)
 * @param lastStepRound the round of the last pruning step (0 before any)
 */
public record PrunerState(float[] keep, float appliedSparsity, int lastStepRound) {

    public PrunerState {
        if (keep == null) {
            throw new IllegalArgumentException("keep must not be null");
        }
        if (!(appliedSparsity >= 0f && appliedSparsity < 1f)) {
            throw new IllegalArgumentException("applied sparsity must be in [0, 1), got " + appliedSparsity);
        }
        if (lastStepRound < 0) {
            throw new IllegalArgumentException("last step round must be non-negative, got " + lastStepRound);
        }
        keep = keep.clone();
    }

    @Override
    public float[] keep() {
        return keep.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PrunerState s && java.util.Arrays.equals(keep, s.keep)
                && Float.compare(appliedSparsity, s.appliedSparsity) == 0 && lastStepRound == s.lastStepRound;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * java.util.Arrays.hashCode(keep) + Float.hashCode(appliedSparsity)) + lastStepRound;
    }

    @Override
    public String toString() {
        return "PrunerState(" + keep.length + " entries, sparsity " + appliedSparsity + ", round " + lastStepRound
                + ")";
    }
}
