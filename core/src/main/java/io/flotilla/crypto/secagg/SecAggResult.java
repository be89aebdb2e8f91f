package io.flotilla.crypto.secagg;

/**
 * The outcome of a completed round: the weighted sum of the survivors' clipped inputs (decoded, within
 * {@link SecAggConfig#quantisationBound} per value), their total weight, and how many clients contributed.
 * The array is not copied: the result owns it.
 */
public record SecAggResult(float[] weightedSum, long totalWeight, int survivors) {
    /** The weighted mean, a new array. */
    public float[] mean() {
        float[] m = new float[weightedSum.length];
        double inv = 1.0 / totalWeight;
        for (int i = 0; i < m.length; i++) {
            m[i] = (float) (weightedSum[i] * inv);
        }
        return m;
    }
}
