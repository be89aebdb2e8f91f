package io.flotilla.model;

/**
 * Which parameters of a layout are alive (1) and which are pruned (0).
 *
 * <p>Held as a {@code float[]} of zeros and ones rather than a bit set so that applying it is one vectorisable
 * multiply over the parameter array, which a trainer does after every optimizer step to hold pruned weights at
 * zero. The array is copied on the way in; {@link #keepValues()} exposes it read-only by contract (hot path).
 */
public final class ParameterMask {
    private final ModelLayout layout;
    private final float[] keep;

    private ParameterMask(ModelLayout layout, float[] keep) {
        this.layout = layout;
        this.keep = keep;
    }

    /** A mask that keeps everything. */
    public static ParameterMask dense(ModelLayout layout) {
        float[] keep = new float[layout.totalSize()];
        java.util.Arrays.fill(keep, 1f);
        return new ParameterMask(layout, keep);
    }

    /** A mask from 0/1 values; any other value is rejected. */
    public static ParameterMask of(ModelLayout layout, float[] keep) {
        if (keep.length != layout.totalSize()) {
            throw new IllegalArgumentException(
                    "mask has " + keep.length + " entries, layout has " + layout.totalSize() + " parameters");
        }
        for (int i = 0; i < keep.length; i++) {
            if (keep[i] != 0f && keep[i] != 1f) {
                throw new IllegalArgumentException("mask entry " + i + " is " + keep[i] + ", expected 0 or 1");
            }
        }
        return new ParameterMask(layout, keep.clone());
    }

    public ModelLayout layout() {
        return layout;
    }

    /** The 0/1 array itself; callers must not modify it. */
    public float[] keepValues() {
        return keep;
    }

    public boolean isKept(int index) {
        return keep[index] != 0f;
    }

    /** Number of kept parameters. */
    public long keptCount() {
        return FloatKernels.countNonZero(keep.length, keep, 0);
    }

    /** Zeroes the pruned entries of {@code values}; modifies {@code values}. */
    public void applyInPlace(float[] values) {
        if (values.length != keep.length) {
            throw new IllegalArgumentException(
                    "values have " + values.length + " entries, mask has " + keep.length);
        }
        for (int i = 0; i < values.length; i++) {
            values[i] *= keep[i];
        }
    }

    public void applyInPlace(ParameterSet parameters) {
        layout.requireSame(parameters.layout());
        applyInPlace(parameters.values());
    }
}
