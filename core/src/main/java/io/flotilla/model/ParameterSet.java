package io.flotilla.model;

import java.util.Arrays;

/**
 * The learned tensors of a model: a {@link ModelLayout} over one flat {@code float[]}.
 *
 * <p>Whole-model arithmetic is one loop over {@link #values()}; a tensor is the slice
 * {@code [layout.offset(i), layout.offset(i) + spec.size())}. Methods ending in {@code InPlace} modify this set;
 * the others return a new set. Not thread-safe: a parameter set is owned by one actor or trainer at a time.
 */
public final class ParameterSet {
    private final ModelLayout layout;
    private final float[] values;

    private ParameterSet(ModelLayout layout, float[] values) {
        this.layout = layout;
        this.values = values;
    }

    /** All-zero parameters for {@code layout}. */
    public static ParameterSet zeros(ModelLayout layout) {
        return new ParameterSet(layout, new float[layout.totalSize()]);
    }

    /** A set holding a copy of {@code values}. */
    public static ParameterSet copyOf(ModelLayout layout, float[] values) {
        requireLength(layout, values);
        return new ParameterSet(layout, values.clone());
    }

    /**
     * A set that takes ownership of {@code values} without copying (the hot path: deserialisation and
     * aggregation hand over freshly made arrays). The caller must not use the array afterwards.
     */
    public static ParameterSet wrap(ModelLayout layout, float[] values) {
        requireLength(layout, values);
        return new ParameterSet(layout, values);
    }

    private static void requireLength(ModelLayout layout, float[] values) {
        if (values.length != layout.totalSize()) {
            throw new IllegalArgumentException(
                    "expected " + layout.totalSize() + " values for " + layout.tensorCount() + " tensors, got "
                            + values.length);
        }
    }

    public ModelLayout layout() {
        return layout;
    }

    /** The backing array itself, not a copy: kernels read and write it directly. */
    public float[] values() {
        return values;
    }

    public int size() {
        return values.length;
    }

    public ParameterSet copy() {
        return new ParameterSet(layout, values.clone());
    }

    /** A copy of the named tensor's values. */
    public float[] tensorValues(String name) {
        int i = layout.indexOf(name);
        int off = layout.offset(i);
        return Arrays.copyOfRange(values, off, off + layout.tensor(i).size());
    }

    /** Overwrites the named tensor with {@code source}, whose length must match. */
    public void setTensorInPlace(String name, float[] source) {
        int i = layout.indexOf(name);
        int size = layout.tensor(i).size();
        if (source.length != size) {
            throw new IllegalArgumentException(
                    "tensor " + name + " has " + size + " values, got " + source.length);
        }
        System.arraycopy(source, 0, values, layout.offset(i), size);
    }

    /** {@code this += alpha * other}. */
    public ParameterSet addScaledInPlace(float alpha, ParameterSet other) {
        layout.requireSame(other.layout);
        FloatKernels.axpy(values.length, alpha, other.values, 0, values, 0);
        return this;
    }

    /** {@code this *= alpha}. */
    public ParameterSet scaleInPlace(float alpha) {
        FloatKernels.scale(values.length, alpha, values, 0);
        return this;
    }

    /** {@code this -= other}. */
    public ParameterSet subtractInPlace(ParameterSet other) {
        return addScaledInPlace(-1f, other);
    }

    /** A new set {@code this - other}: the delta of a trained model against the global one. */
    public ParameterSet subtract(ParameterSet other) {
        layout.requireSame(other.layout);
        float[] out = new float[values.length];
        float[] o = other.values;
        for (int i = 0; i < out.length; i++) {
            out[i] = values[i] - o[i];
        }
        return new ParameterSet(layout, out);
    }

    /** A new set {@code this + other}. */
    public ParameterSet add(ParameterSet other) {
        return copy().addScaledInPlace(1f, other);
    }

    public double dot(ParameterSet other) {
        layout.requireSame(other.layout);
        return FloatKernels.dot(values.length, values, 0, other.values, 0);
    }

    /** Euclidean norm of all parameters. */
    public double l2Norm() {
        return Math.sqrt(FloatKernels.sumOfSquares(values.length, values, 0));
    }

    public long countTotal() {
        return values.length;
    }

    public long countNonZero() {
        return FloatKernels.countNonZero(values.length, values, 0);
    }

    /** Parameters in tensors of the given kind. */
    public long count(TensorKind kind) {
        return layout.count(kind);
    }

    /** Non-zero parameters in tensors of the given kind. */
    public long countNonZero(TensorKind kind) {
        long n = 0;
        for (int i = 0; i < layout.tensorCount(); i++) {
            TensorSpec t = layout.tensor(i);
            if (t.kind() == kind) {
                n += FloatKernels.countNonZero(t.size(), values, layout.offset(i));
            }
        }
        return n;
    }

    /** True when no value is NaN or infinite. */
    public boolean isFinite() {
        return FloatKernels.firstNonFinite(values.length, values, 0) < 0;
    }

    /** Same layout and bit-identical values. */
    public boolean contentEquals(ParameterSet other) {
        return layout.equals(other.layout) && Arrays.equals(values, other.values);
    }

    @Override
    public String toString() {
        return "ParameterSet(" + layout.tensorCount() + " tensors, " + values.length + " parameters)";
    }
}
