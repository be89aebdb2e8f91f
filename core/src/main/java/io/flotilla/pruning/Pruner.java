package io.flotilla.pruning;

import io.flotilla.model.ModelLayout;
import io.flotilla.model.ParameterMask;
import io.flotilla.model.ParameterSet;
import java.util.Arrays;

/**
 * Prunes the global model after each aggregation according to a {@link PruningConfig}, and holds what that needs
 * across rounds: the current mask (which travels to the clients with the global parameters so they train with
 * pruned weights held at zero) and the sparsity last pruned to, checkpointed through {@link #state()}.
 *
 * <p>Every call to {@link #applyInPlace} zeroes the pruned parameters, so a server optimizer or an unmasked client
 * cannot revive them; at a pruning step (or when a missed step is due) the mask is extended to the schedule's
 * target. With {@link Regrowth#NONE} the mask is monotone. Memory: the mask and a magnitude scratch, one float per
 * parameter each. Confined to one actor.
 */
public final class Pruner {
    private final PruningConfig config;
    private final ModelLayout layout;
    private final int[] selected;
    private final float[] keep;
    private float[] scratch;
    private float appliedSparsity;
    private int lastStepRound;

    public Pruner(PruningConfig config, ModelLayout layout) {
        this.config = config;
        this.layout = layout;
        this.selected = config.selector().selectedTensors(layout);
        if (selected.length == 0) {
            throw new IllegalArgumentException("pruning selects no tensor of " + layout.names() + " with patterns "
                    + config.selector().patterns());
        }
        this.keep = new float[layout.totalSize()];
        Arrays.fill(keep, 1f);
    }

    public PruningConfig config() {
        return config;
    }

    /**
     * Prunes {@code global} for {@code round} in place: extends the mask when a step is due, then zeroes every
     * pruned parameter. Returns true when a pruning step ran this round.
     */
    public boolean applyInPlace(int round, ParameterSet global) {
        layout.requireSame(global.layout());
        float target = config.schedule().targetAt(round);
        boolean regrow = config.regrowth() == Regrowth.MAGNITUDE && config.schedule().isStep(round) && target > 0f;
        boolean step = target > appliedSparsity || regrow;
        float[] values = global.values();
        if (step) {
            if (regrow) {
                for (int t : selected) {
                    Arrays.fill(keep, layout.offset(t), layout.offset(t) + layout.tensor(t).size(), 1f);
                }
            }
            if (config.scope() == PruningScope.GLOBAL) {
                int[] offsets = new int[selected.length];
                int[] sizes = new int[selected.length];
                for (int i = 0; i < selected.length; i++) {
                    offsets[i] = layout.offset(selected[i]);
                    sizes[i] = layout.tensor(selected[i]).size();
                }
                MagnitudePruning.pruneGroupInPlace(values, keep, offsets, sizes, target, scratch(sum(sizes)));
            } else {
                for (int t : selected) {
                    int size = layout.tensor(t).size();
                    MagnitudePruning.pruneGroupInPlace(values, keep, new int[] {layout.offset(t)}, new int[] {size},
                            target, scratch(size));
                }
            }
            appliedSparsity = target;
            lastStepRound = round;
        }
        for (int i = 0; i < values.length; i++) {
            values[i] *= keep[i];
        }
        return step;
    }

    /** The current mask (a copy). */
    public ParameterMask mask() {
        return ParameterMask.of(layout, keep);
    }

    /** The target sparsity of the last pruning step, 0 before any. */
    public float appliedSparsity() {
        return appliedSparsity;
    }

    public PrunerState state() {
        return new PrunerState(keep, appliedSparsity, lastStepRound);
    }

    /** Restores a checkpointed state of a pruner for the same layout. */
    public void restore(PrunerState state) {
        float[] k = state.keep();
        if (k.length != keep.length) {
            throw new IllegalArgumentException(
                    "pruner state has " + k.length + " mask entries, layout has " + keep.length);
        }
        ParameterMask.of(layout, k); // validates 0/1
        System.arraycopy(k, 0, keep, 0, k.length);
        appliedSparsity = state.appliedSparsity();
        lastStepRound = state.lastStepRound();
    }

    private float[] scratch(int n) {
        if (scratch == null || scratch.length < n) {
            scratch = new float[n];
        }
        return scratch;
    }

    private static int sum(int[] a) {
        int s = 0;
        for (int x : a) {
            s += x;
        }
        return s;
    }
}
