package io.flotilla.data;

import java.util.Arrays;

/**
 * An affine normalisation {@code x' = (x - mean) / std}, either one mean and deviation for all features
 * ({@link #fitGlobal}, usual for images) or one per feature ({@link #fitPerFeature}, usual for tables). Fit it
 * on the training split and apply the same instance to the test split, so no test statistics leak into training.
 *
 * <p>A deviation below {@value #MIN_STD} (a constant feature) is replaced by 1, so constant features become 0
 * instead of dividing by zero. The arrays are copied on the way in and out.
 *
 * @param mean one value, or one per feature
 * @param std one value, or one per feature; positive
 */
public record Standardizer(float[] mean, float[] std) {
    /** Deviations below this count as constant features. */
    public static final float MIN_STD = 1e-6f;

    public Standardizer {
        if (mean.length == 0 || mean.length != std.length) {
            throw new IllegalArgumentException(
                    "need as many means as deviations, at least one: " + mean.length + " vs " + std.length);
        }
        mean = mean.clone();
        std = std.clone();
        for (int i = 0; i < std.length; i++) {
            if (!(std[i] > 0) || !Float.isFinite(std[i]) || !Float.isFinite(mean[i])) {
                throw new IllegalArgumentException("feature " + i + ": mean " + mean[i] + ", std " + std[i]
                        + " (std must be positive and both finite)");
            }
        }
    }

    @Override
    public float[] mean() {
        return mean.clone();
    }

    @Override
    public float[] std() {
        return std.clone();
    }

    /** One mean and deviation over every feature of every example of {@code train}. */
    public static Standardizer fitGlobal(Dataset train) {
        requireNonEmpty(train);
        float[] x = new float[train.exampleSize()];
        double sum = 0;
        double sumSq = 0;
        for (int i = 0, n = train.size(); i < n; i++) {
            train.copyExample(i, x, 0);
            for (float v : x) {
                sum += v;
                sumSq += (double) v * v;
            }
        }
        double count = (double) train.size() * x.length;
        double mean = sum / count;
        double var = Math.max(0, sumSq / count - mean * mean);
        return new Standardizer(new float[] {(float) mean}, new float[] {deviation(var)});
    }

    /** A mean and deviation per feature over the examples of {@code train}. */
    public static Standardizer fitPerFeature(Dataset train) {
        requireNonEmpty(train);
        int d = train.exampleSize();
        float[] x = new float[d];
        double[] sum = new double[d];
        double[] sumSq = new double[d];
        int n = train.size();
        for (int i = 0; i < n; i++) {
            train.copyExample(i, x, 0);
            for (int j = 0; j < d; j++) {
                sum[j] += x[j];
                sumSq[j] += (double) x[j] * x[j];
            }
        }
        float[] mean = new float[d];
        float[] std = new float[d];
        for (int j = 0; j < d; j++) {
            double m = sum[j] / n;
            mean[j] = (float) m;
            std[j] = deviation(Math.max(0, sumSq[j] / n - m * m));
        }
        return new Standardizer(mean, std);
    }

    /** Multiplies every feature by {@code factor} (a standardizer with mean 0 and deviation {@code 1/factor}). */
    public static Standardizer scaling(float factor) {
        if (!(factor > 0) || !Float.isFinite(factor)) {
            throw new IllegalArgumentException("scale factor must be positive and finite, got " + factor);
        }
        return new Standardizer(new float[] {0f}, new float[] {1f / factor});
    }

    private static float deviation(double variance) {
        float s = (float) Math.sqrt(variance);
        return s < MIN_STD ? 1f : s;
    }

    private static void requireNonEmpty(Dataset d) {
        if (d.size() == 0) {
            throw new IllegalArgumentException("cannot fit a normalisation on an empty dataset");
        }
    }

    /**
     * Normalises {@code count} examples of {@code exampleSize} features stored back to back in {@code x} from
     * {@code offset}; modifies {@code x}.
     */
    public void applyInPlace(float[] x, int offset, int count, int exampleSize) {
        requireFeatures(exampleSize);
        if (mean.length == 1) {
            float m = mean[0];
            float inv = 1f / std[0];
            for (int i = offset, end = offset + count * exampleSize; i < end; i++) {
                x[i] = (x[i] - m) * inv;
            }
            return;
        }
        for (int e = 0; e < count; e++) {
            int base = offset + e * exampleSize;
            for (int j = 0; j < exampleSize; j++) {
                x[base + j] = (x[base + j] - mean[j]) / std[j];
            }
        }
    }

    /** A new dataset (a fresh copy, not a view) holding the normalised examples of {@code data}. */
    public Dataset apply(Dataset data) {
        int d = data.exampleSize();
        requireFeatures(d);
        int n = data.size();
        float[] out = new float[Math.multiplyExact(n, d)];
        for (int i = 0; i < n; i++) {
            data.copyExample(i, out, i * d);
        }
        applyInPlace(out, 0, n, d);
        return Dataset.of(out, data.labels(), data.exampleShape(), data.numClasses());
    }

    private void requireFeatures(int exampleSize) {
        if (mean.length != 1 && mean.length != exampleSize) {
            throw new IllegalArgumentException(
                    "standardizer fitted on " + mean.length + " features applied to examples of " + exampleSize);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Standardizer s && Arrays.equals(mean, s.mean) && Arrays.equals(std, s.std);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(mean) + Arrays.hashCode(std);
    }

    @Override
    public String toString() {
        return mean.length == 1 ? "Standardizer(mean=" + mean[0] + ", std=" + std[0] + ")"
                : "Standardizer(" + mean.length + " features)";
    }
}
