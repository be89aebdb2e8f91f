package io.flotilla.aggregation;

/**
 * A running sum of weighted deltas, in {@code double} so the result does not depend on arrival order beyond
 * rounding of the last float conversion: the accumulator behind every mean-based strategy. Sparse deltas (top-k
 * compressed updates) fold in O(k) through {@link #addSparse}.
 */
public final class WeightedSum extends CountingAccumulator implements SparseAccumulator {
    private final double[] sum;

    public WeightedSum(int size) {
        this.sum = new double[size];
    }

    @Override
    public void add(float[] delta, long weight) {
        UpdateAccumulator.checkDelta(sum.length, delta, weight);
        double w = weight;
        for (int i = 0; i < sum.length; i++) {
            sum[i] += w * delta[i];
        }
        tally(1, weight);
    }

    /** Adds a secure aggregation sum: {@code weightedSum} is already weighted, so it is added as it is. */
    @Override
    public void addSum(float[] weightedSum, long weight, int contributors) {
        UpdateAccumulator.checkSum(sum.length, weightedSum, weight, contributors);
        for (int i = 0; i < sum.length; i++) {
            sum[i] += weightedSum[i];
        }
        tally(contributors, weight);
    }

    @Override
    public void addSparse(int[] indices, float[] values, int count, long weight) {
        if (count < 0 || count > indices.length || count > values.length) {
            throw new IllegalArgumentException("sparse delta of " + count + " entries with " + indices.length
                    + " indices and " + values.length + " values");
        }
        if (weight <= 0) {
            throw new IllegalArgumentException("weight must be positive, got " + weight);
        }
        double w = weight;
        for (int i = 0; i < count; i++) {
            int j = indices[i];
            if (j < 0 || j >= sum.length) {
                throw new IllegalArgumentException("index " + j + " outside a delta of " + sum.length + " values");
            }
            sum[j] += w * values[i];
        }
        tally(1, weight);
    }

    /** The weighted mean {@code sum / totalWeight} as a new array; requires at least one delta. */
    public float[] mean() {
        if (count() == 0) {
            throw new IllegalStateException("no deltas were added");
        }
        float[] out = new float[sum.length];
        double inv = 1.0 / totalWeight();
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (sum[i] * inv);
        }
        return out;
    }
}
