package io.flotilla.aggregation;

import io.flotilla.model.FloatKernels;
import java.util.Arrays;

/**
 * Byzantine-robust aggregation kernels over buffered deltas {@code updates[0..n)}, all of one length: coordinate-wise
 * median and trimmed mean (Yin et al. 2018), Krum and Multi-Krum (Blanchard et al. 2017). Client weights are ignored
 * by median, trimmed mean and the Krum scores, as in Flower's {@code aggregate.py}; Multi-Krum weights the selected
 * deltas by their example counts.
 *
 * <p>The per-coordinate kernels gather one coordinate of every update into a caller's reused {@code column} of
 * length at least {@code n} and use {@link FloatKernels#select} (quickselect, expected O(n)), so there is no boxing, sorting of
 * the whole column, or allocation per coordinate. Inputs must be finite (the round collector checks that).
 */
public final class RobustMath {
    /** Coordinates per tile of the Krum distance kernel: 20 updates x 2048 floats stay in L2. */
    private static final int TILE = 2048;

    private RobustMath() {
    }

    /**
     * Coordinate-wise median into {@code out}; for an even {@code n} the mean of the two middle values (numpy's
     * convention). Modifies {@code column} (scratch) and {@code out}.
     */
    public static void medianInto(float[][] updates, int n, float[] column, float[] out) {
        checkShapes(updates, n, column, out);
        int k = n >>> 1;
        boolean even = (n & 1) == 0;
        for (int c = 0; c < out.length; c++) {
            for (int u = 0; u < n; u++) {
                column[u] = updates[u][c];
            }
            float hi = FloatKernels.select(column, 0, n, k);
            if (even) {
                float lo = column[0];
                for (int u = 1; u < k; u++) {
                    if (column[u] > lo) {
                        lo = column[u];
                    }
                }
                out[c] = (float) (((double) lo + hi) * 0.5);
            } else {
                out[c] = hi;
            }
        }
    }

    /**
     * Coordinate-wise mean after dropping the {@code trim} smallest and {@code trim} largest values of each
     * coordinate (scipy's {@code trim_mean} with {@code trim = floor(beta * n)}). Modifies {@code column} and
     * {@code out}.
     */
    public static void trimmedMeanInto(float[][] updates, int n, int trim, float[] column, float[] out) {
        checkShapes(updates, n, column, out);
        if (trim < 0 || 2 * trim >= n) {
            throw new IllegalArgumentException("cannot trim " + trim + " from each side of " + n + " values");
        }
        int keep = n - 2 * trim;
        double inv = 1.0 / keep;
        for (int c = 0; c < out.length; c++) {
            for (int u = 0; u < n; u++) {
                column[u] = updates[u][c];
            }
            if (trim > 0) {
                FloatKernels.select(column, 0, n, trim);
                FloatKernels.select(column, trim, n, n - trim - 1);
            }
            double s = 0;
            for (int u = trim; u < n - trim; u++) {
                s += column[u];
            }
            out[c] = (float) (s * inv);
        }
    }

    /**
     * Squared Euclidean distances between every pair of updates into {@code dist} ({@code n x n}, row-major,
     * symmetric, zero diagonal). Tiled over coordinates so every update is read from memory once.
     */
    public static void squaredDistancesInto(float[][] updates, int n, double[] dist) {
        if (n < 1 || n > updates.length) {
            throw new IllegalArgumentException("n = " + n + " updates, buffer holds " + updates.length);
        }
        if (dist.length < n * n) {
            throw new IllegalArgumentException("distance matrix has " + dist.length + " entries, needs " + n * n);
        }
        int size = updates[0].length;
        for (int u = 1; u < n; u++) {
            if (updates[u].length != size) {
                throw new IllegalArgumentException("update " + u + " has " + updates[u].length + " values, update 0 has "
                        + size);
            }
        }
        Arrays.fill(dist, 0, n * n, 0.0);
        for (int start = 0; start < size; start += TILE) {
            int end = Math.min(size, start + TILE);
            for (int i = 0; i < n; i++) {
                float[] a = updates[i];
                for (int j = i + 1; j < n; j++) {
                    float[] b = updates[j];
                    float s = 0f;
                    for (int c = start; c < end; c++) {
                        float d = a[c] - b[c];
                        s += d * d;
                    }
                    dist[i * n + j] += s;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                dist[j * n + i] = dist[i * n + j];
            }
        }
    }

    /**
     * Krum scores into {@code scores[0..n)}: for each update, the sum of its squared distances to its
     * {@code max(1, n - f - 2)} nearest other updates.
     */
    public static void krumScoresInto(double[] dist, int n, int f, double[] scores) {
        if (f < 0) {
            throw new IllegalArgumentException("byzantine count f must be non-negative, got " + f);
        }
        if (n < 2) {
            throw new IllegalArgumentException("Krum needs at least 2 updates, got " + n);
        }
        int closest = Math.max(1, n - f - 2);
        double[] row = new double[n - 1];
        for (int i = 0; i < n; i++) {
            int r = 0;
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    row[r++] = dist[i * n + j];
                }
            }
            Arrays.sort(row);
            double s = 0;
            for (int t = 0; t < closest && t < row.length; t++) {
                s += row[t];
            }
            scores[i] = s;
        }
    }

    /**
     * Indices of the {@code m} smallest scores, ascending by score, ties by lower index (deterministic).
     */
    public static int[] lowestScores(double[] scores, int n, int m) {
        if (m < 1 || m > n) {
            throw new IllegalArgumentException("cannot select " + m + " of " + n + " updates");
        }
        boolean[] taken = new boolean[n];
        int[] out = new int[m];
        for (int s = 0; s < m; s++) {
            int best = -1;
            for (int i = 0; i < n; i++) {
                if (!taken[i] && (best < 0 || scores[i] < scores[best])) {
                    best = i;
                }
            }
            taken[best] = true;
            out[s] = best;
        }
        return out;
    }

    /** Weighted mean of the selected updates into {@code out}, accumulated in double. Modifies {@code out}. */
    public static void weightedMeanInto(float[][] updates, long[] weights, int[] selected, float[] out) {
        long total = 0;
        for (int s : selected) {
            total += weights[s];
        }
        double[] acc = new double[out.length];
        for (int s : selected) {
            double w = weights[s];
            float[] u = updates[s];
            for (int c = 0; c < out.length; c++) {
                acc[c] += w * u[c];
            }
        }
        double inv = 1.0 / total;
        for (int c = 0; c < out.length; c++) {
            out[c] = (float) (acc[c] * inv);
        }
    }

    private static void checkShapes(float[][] updates, int n, float[] column, float[] out) {
        if (n < 1 || n > updates.length) {
            throw new IllegalArgumentException("n = " + n + " updates, buffer holds " + updates.length);
        }
        if (column.length < n) {
            throw new IllegalArgumentException("column scratch has " + column.length + " entries, needs " + n);
        }
        for (int u = 0; u < n; u++) {
            if (updates[u].length != out.length) {
                throw new IllegalArgumentException(
                        "update " + u + " has " + updates[u].length + " values, output has " + out.length);
            }
        }
    }
}
