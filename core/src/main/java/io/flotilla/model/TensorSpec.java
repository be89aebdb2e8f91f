package io.flotilla.model;

import java.util.Arrays;

/**
 * The name, shape and kind of one tensor in a {@link ModelLayout}.
 *
 * <p>The shape array is copied on the way in and out, so a spec is immutable.
 */
public record TensorSpec(String name, int[] shape, TensorKind kind) {

    public TensorSpec {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("tensor name must not be blank");
        }
        if (kind == null) {
            throw new IllegalArgumentException("tensor " + name + ": kind must not be null");
        }
        if (shape == null || shape.length == 0) {
            throw new IllegalArgumentException("tensor " + name + ": shape must have at least one dimension");
        }
        shape = shape.clone();
        long size = 1;
        for (int d : shape) {
            if (d <= 0) {
                throw new IllegalArgumentException(
                        "tensor " + name + ": dimensions must be positive, got " + Arrays.toString(shape));
            }
            size *= d;
            if (size > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("tensor " + name + ": too many elements " + Arrays.toString(shape));
            }
        }
    }

    public static TensorSpec weight(String name, int... shape) {
        return new TensorSpec(name, shape, TensorKind.WEIGHT);
    }

    public static TensorSpec bias(String name, int... shape) {
        return new TensorSpec(name, shape, TensorKind.BIAS);
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** Number of elements: the product of the dimensions. */
    public int size() {
        int size = 1;
        for (int d : shape) {
            size *= d;
        }
        return size;
    }

    public int rank() {
        return shape.length;
    }

    public int dim(int axis) {
        return shape[axis];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorSpec t && name.equals(t.name) && kind == t.kind && Arrays.equals(shape, t.shape);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * name.hashCode() + Arrays.hashCode(shape)) + kind.hashCode();
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape) + "(" + kind.name().toLowerCase(java.util.Locale.ROOT) + ")";
    }
}
