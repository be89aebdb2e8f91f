package io.flotilla.aggregation;

/**
 * An accumulator that can fold a sparse delta (only some coordinates set, the rest zero) without the caller
 * materialising a model-sized array: how a top-k compressed update streams into a mean-based strategy in O(k).
 * Folding a sparse delta must give exactly the result of folding its dense form.
 */
public interface SparseAccumulator extends UpdateAccumulator {

    /**
     * Adds the delta that is {@code values[i]} at coordinate {@code indices[i]} for {@code i < count} and zero
     * elsewhere, with {@code weight}. The caller has checked that the indices are strictly increasing and below the
     * model size and that the values are finite; the arrays are neither kept nor modified.
     */
    void addSparse(int[] indices, float[] values, int count, long weight);
}
