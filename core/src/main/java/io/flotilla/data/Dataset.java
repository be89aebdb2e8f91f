package io.flotilla.data;

import java.util.Arrays;

/**
 * Labelled examples for classification: features as one flat row-major {@code float[]} (example {@code i} starts
 * at {@code i * exampleSize()}), integer labels in {@code [0, numClasses)}.
 *
 * <p>A dataset may be a view (see {@link #subset}) over a shared copy of the data, so thousands of virtual
 * clients' partitions cost one index array each. Views never copy features.
 */
public final class Dataset {
    private final float[] features;
    private final int[] labels;
    private final int[] exampleShape;
    private final int exampleSize;
    private final int numClasses;
    /** Rows of the shared arrays that this view holds, or null for all of them. */
    private final int[] rows;

    private Dataset(float[] features, int[] labels, int[] exampleShape, int numClasses, int[] rows) {
        this.features = features;
        this.labels = labels;
        this.exampleShape = exampleShape;
        this.exampleSize = product(exampleShape);
        this.numClasses = numClasses;
        this.rows = rows;
    }

    /**
     * A dataset over {@code features} and {@code labels}, which it takes without copying (they are large and
     * read-only after loading; callers must not modify them afterwards).
     */
    public static Dataset of(float[] features, int[] labels, int[] exampleShape, int numClasses) {
        if (numClasses < 2) {
            throw new IllegalArgumentException("need at least 2 classes, got " + numClasses);
        }
        int[] shape = exampleShape.clone();
        int size = product(shape);
        if ((long) labels.length * size != features.length) {
            throw new IllegalArgumentException("features hold " + features.length + " values, expected "
                    + labels.length + " examples x " + size + " (" + Arrays.toString(shape) + ")");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= numClasses) {
                throw new IllegalArgumentException(
                        "label " + labels[i] + " of example " + i + " outside [0, " + numClasses + ")");
            }
        }
        return new Dataset(features, labels, shape, numClasses, null);
    }

    private static int product(int[] shape) {
        if (shape.length == 0) {
            throw new IllegalArgumentException("example shape must have at least one dimension");
        }
        long p = 1;
        for (int d : shape) {
            if (d <= 0) {
                throw new IllegalArgumentException("example dimensions must be positive: " + Arrays.toString(shape));
            }
            p *= d;
        }
        if (p > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("example too large: " + Arrays.toString(shape));
        }
        return (int) p;
    }

    /** A view of the examples at {@code indices} (positions in this dataset), in that order. */
    public Dataset subset(int[] indices) {
        int n = size();
        int[] mapped = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            int idx = indices[i];
            if (idx < 0 || idx >= n) {
                throw new IndexOutOfBoundsException("index " + idx + " outside dataset of " + n + " examples");
            }
            mapped[i] = row(idx);
        }
        return new Dataset(features, labels, exampleShape, numClasses, mapped);
    }

    /** A view of examples {@code [from, to)}. */
    public Dataset slice(int from, int to) {
        if (from < 0 || to > size() || from > to) {
            throw new IndexOutOfBoundsException("slice [" + from + ", " + to + ") of " + size() + " examples");
        }
        int[] idx = new int[to - from];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = from + i;
        }
        return subset(idx);
    }

    private int row(int i) {
        return rows == null ? i : rows[i];
    }

    public int size() {
        return rows == null ? labels.length : rows.length;
    }

    public int exampleSize() {
        return exampleSize;
    }

    public int[] exampleShape() {
        return exampleShape.clone();
    }

    public int numClasses() {
        return numClasses;
    }

    public int label(int i) {
        return labels[row(i)];
    }

    /** Copies example {@code i}'s features into {@code dst} at {@code dstOffset}; modifies {@code dst}. */
    public void copyExample(int i, float[] dst, int dstOffset) {
        System.arraycopy(features, row(i) * exampleSize, dst, dstOffset, exampleSize);
    }

    /**
     * Copies the examples {@code order[from..to)} into a batch: features row by row into {@code dstFeatures},
     * labels into {@code dstLabels}; modifies both.
     */
    public void gather(int[] order, int from, int to, float[] dstFeatures, int[] dstLabels) {
        for (int b = 0, i = from; i < to; i++, b++) {
            int r = row(order[i]);
            System.arraycopy(features, r * exampleSize, dstFeatures, b * exampleSize, exampleSize);
            dstLabels[b] = labels[r];
        }
    }

    /** Number of examples of each class. */
    public int[] labelHistogram() {
        int[] h = new int[numClasses];
        for (int i = 0, n = size(); i < n; i++) {
            h[label(i)]++;
        }
        return h;
    }

    /** A copy of the labels of this view, in order. */
    public int[] labels() {
        int[] out = new int[size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = label(i);
        }
        return out;
    }

    @Override
    public String toString() {
        return "Dataset(" + size() + " examples of " + Arrays.toString(exampleShape) + ", " + numClasses
                + " classes)";
    }
}
