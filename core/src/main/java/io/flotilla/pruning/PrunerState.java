package io.flotilla.pruning;

import java.util.Map;
import java.util.Optional;

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

    /** Checkpoint key of the keep mask. Strategy state keys have no dot, so these cannot clash with them. */
    public static final String CHECKPOINT_KEEP = "pruner.keep";
    /** Checkpoint key of {@code {appliedSparsity, lastStepRound}}. */
    public static final String CHECKPOINT_META = "pruner.meta";

    /** This state as checkpoint entries ({@link #CHECKPOINT_KEEP}, {@link #CHECKPOINT_META}) put into {@code out}. */
    public void toCheckpointEntries(Map<String, float[]> out) {
        out.put(CHECKPOINT_KEEP, keep.clone());
        out.put(CHECKPOINT_META, new float[] {appliedSparsity, lastStepRound});
    }

    /**
     * Removes the pruner's entries from {@code entries} (a checkpoint's state map, modified) and returns the state
     * they hold, or empty when the checkpoint has none (written without pruning).
     *
     * @throws IllegalArgumentException when only one of the two entries is present or the meta entry is malformed
     */
    public static Optional<PrunerState> takeFromCheckpointEntries(Map<String, float[]> entries) {
        float[] keep = entries.remove(CHECKPOINT_KEEP);
        float[] meta = entries.remove(CHECKPOINT_META);
        if (keep == null && meta == null) {
            return Optional.empty();
        }
        if (keep == null || meta == null || meta.length != 2) {
            throw new IllegalArgumentException("checkpoint holds a partial pruner state");
        }
        return Optional.of(new PrunerState(keep, meta[0], (int) meta[1]));
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
