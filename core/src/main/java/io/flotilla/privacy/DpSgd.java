package io.flotilla.privacy;

/**
 * The pure pieces of example-level DP-SGD (Abadi et al. 2016) for the built-in trainer: per-example gradients
 * arrive as a row-major {@code [rows x cols]} {@code float[]} (one row per example); each row is clipped to L2
 * norm C, the rows are summed, Gaussian noise {@code N(0, (z C)^2)} is added to the sum, and the sum is divided
 * by the expected batch size. With Poisson-sampled batches of expected size B out of n examples, each step is
 * the subsampled Gaussian mechanism with q = B / n, accounted by {@link RdpAccountant}.
 */
public final class DpSgd {
    private DpSgd() {
    }

    /** Clips every row to {@code clipNorm} in place; returns how many rows were clipped. */
    public static int clipRowsInPlace(float[] perExample, int rows, int cols, double clipNorm) {
        checkShape(perExample, rows, cols);
        L2Clipping.checkMaxNorm(clipNorm);
        int clipped = 0;
        for (int r = 0; r < rows; r++) {
            if (L2Clipping.clipInPlace(perExample, r * cols, cols, clipNorm) > clipNorm) {
                clipped++;
            }
        }
        return clipped;
    }

    /** Writes the column sums of the {@code [rows x cols]} matrix into {@code out} (length {@code cols}). */
    public static void sumRows(float[] perExample, int rows, int cols, float[] out) {
        checkShape(perExample, rows, cols);
        if (out.length != cols) {
            throw new IllegalArgumentException("output has " + out.length + " values, expected " + cols);
        }
        java.util.Arrays.fill(out, 0f);
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            for (int c = 0; c < cols; c++) {
                out[c] += perExample[base + c];
            }
        }
    }

    /**
     * One private gradient: clips the rows of {@code perExample} in place, sums them into {@code out}, adds
     * {@code N(0, (noiseMultiplier * clipNorm)^2)} per coordinate and divides by {@code expectedBatchSize}.
     * Returns the number of rows clipped.
     */
    public static int privateGradient(float[] perExample, int rows, int cols, double clipNorm, double noiseMultiplier,
            double expectedBatchSize, NoiseSource noise, float[] out) {
        if (!(noiseMultiplier >= 0) || Double.isInfinite(noiseMultiplier)) {
            throw new IllegalArgumentException("noise multiplier must be finite and >= 0, got " + noiseMultiplier);
        }
        if (!(expectedBatchSize > 0) || Double.isInfinite(expectedBatchSize)) {
            throw new IllegalArgumentException("expected batch size must be finite and > 0, got " + expectedBatchSize);
        }
        int clipped = clipRowsInPlace(perExample, rows, cols, clipNorm);
        sumRows(perExample, rows, cols, out);
        noise.addGaussianInPlace(out, noiseMultiplier * clipNorm);
        float inv = (float) (1.0 / expectedBatchSize);
        for (int c = 0; c < cols; c++) {
            out[c] *= inv;
        }
        return clipped;
    }

    /**
     * The per-step sampling rate of Poisson batches of expected size {@code expectedBatch} over {@code examples}
     * local examples: {@code min(1, B / n)}. The trainer samples with it and the accountant charges it.
     */
    public static double samplingRate(int examples, int expectedBatch) {
        checkCounts(examples, expectedBatch);
        return Math.min(1.0, (double) expectedBatch / examples);
    }

    /**
     * Steps of one DP-SGD epoch: {@code max(1, round(n / B))}, so that an epoch touches each example once in
     * expectation. The trainer runs exactly this many steps and the accountant charges exactly this many.
     */
    public static int stepsPerEpoch(int examples, int expectedBatch) {
        checkCounts(examples, expectedBatch);
        return (int) Math.max(1, Math.round((double) examples / expectedBatch));
    }

    private static void checkCounts(int examples, int expectedBatch) {
        if (examples < 1 || expectedBatch < 1) {
            throw new IllegalArgumentException("need >= 1 examples and expected batch, got " + examples + " and "
                    + expectedBatch);
        }
    }

    /**
     * Clips one example's gradient {@code grad} to L2 norm {@code clipNorm} in place and adds it to {@code sum}.
     * Returns the norm before clipping. Allocation-free: the per-example inner loop of DP-SGD.
     */
    public static double addClippedInPlace(float[] grad, double clipNorm, float[] sum) {
        if (grad.length != sum.length) {
            throw new IllegalArgumentException("gradient has " + grad.length + " values, sum has " + sum.length);
        }
        double norm = L2Clipping.clipInPlace(grad, clipNorm);
        for (int i = 0; i < sum.length; i++) {
            sum[i] += grad[i];
        }
        return norm;
    }

    /**
     * Turns the sum of clipped per-example gradients into the private gradient, in place: adds
     * {@code N(0, (noiseMultiplier * clipNorm)^2)} to every coordinate, then divides by the expected batch size
     * (a fixed denominator, as in Abadi et al.: the realised batch size of a Poisson batch is not private).
     */
    public static void noiseAndAverageInPlace(float[] sum, double clipNorm, double noiseMultiplier,
            double expectedBatchSize, NoiseSource noise) {
        L2Clipping.checkMaxNorm(clipNorm);
        if (!(noiseMultiplier >= 0) || Double.isInfinite(noiseMultiplier)) {
            throw new IllegalArgumentException("noise multiplier must be finite and >= 0, got " + noiseMultiplier);
        }
        if (!(expectedBatchSize > 0) || Double.isInfinite(expectedBatchSize)) {
            throw new IllegalArgumentException("expected batch size must be finite and > 0, got " + expectedBatchSize);
        }
        noise.addGaussianInPlace(sum, noiseMultiplier * clipNorm);
        float inv = (float) (1.0 / expectedBatchSize);
        for (int i = 0; i < sum.length; i++) {
            sum[i] *= inv;
        }
    }

    private static void checkShape(float[] a, int rows, int cols) {
        if (rows < 0 || cols < 0 || (long) rows * cols != a.length) {
            throw new IllegalArgumentException(
                    "per-example gradients have " + a.length + " values, expected " + rows + " x " + cols);
        }
    }
}
