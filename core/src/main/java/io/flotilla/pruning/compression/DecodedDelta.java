package io.flotilla.pruning.compression;

/**
 * A client delta as the coordinator decoded it: either dense ({@link #values()} holds every coordinate) or sparse
 * ({@link #indices()} holds {@link #count()} strictly increasing coordinates below {@link #size()} and
 * {@link #values()} their values). A sparse delta can be folded into a running sum without ever materialising the
 * model-sized array; {@link #toDense()} materialises it for consumers that need every coordinate (robust
 * strategies, clipping).
 *
 * <p>Hot path: the arrays are neither copied in nor out; they belong to the decoder's result and must not be
 * modified by the caller. The decoder has already checked ranges, order and counts.
 */
public final class DecodedDelta {
    private final int size;
    private final int[] indices;
    private final float[] values;
    private final int count;

    private DecodedDelta(int size, int[] indices, float[] values, int count) {
        this.size = size;
        this.indices = indices;
        this.values = values;
        this.count = count;
    }

    /** A dense delta over every coordinate of {@code values}. */
    public static DecodedDelta dense(float[] values) {
        if (values == null || values.length == 0) {
            throw new IllegalArgumentException("a dense delta needs at least one value");
        }
        return new DecodedDelta(values.length, null, values, values.length);
    }

    /**
     * A sparse delta of {@code size} coordinates whose first {@code count} entries of {@code indices} and
     * {@code values} are set; every other coordinate is zero.
     */
    public static DecodedDelta sparse(int size, int[] indices, float[] values, int count) {
        if (size < 1 || count < 0 || count > size || indices.length < count || values.length < count) {
            throw new IllegalArgumentException("sparse delta of size " + size + " with " + count + " entries, "
                    + indices.length + " indices and " + values.length + " values");
        }
        return new DecodedDelta(size, indices, values, count);
    }

    /** Number of coordinates of the model. */
    public int size() {
        return size;
    }

    /** True when only {@link #count()} coordinates are stored. */
    public boolean isSparse() {
        return indices != null;
    }

    /** Number of stored entries ({@link #size()} when dense). */
    public int count() {
        return count;
    }

    /** The stored coordinates (sparse), or null (dense); not a copy. */
    public int[] indices() {
        return indices;
    }

    /** The stored values; not a copy. */
    public float[] values() {
        return values;
    }

    /** The delta over every coordinate: the values array itself when dense, a new array when sparse. */
    public float[] toDense() {
        if (indices == null) {
            return values;
        }
        float[] out = new float[size];
        for (int i = 0; i < count; i++) {
            out[indices[i]] = values[i];
        }
        return out;
    }

    /** Index of the first stored value that is NaN or infinite, or -1 when all are finite. */
    public int firstNonFinite() {
        for (int i = 0; i < count; i++) {
            if (!Float.isFinite(values[i])) {
                return i;
            }
        }
        return -1;
    }
}
