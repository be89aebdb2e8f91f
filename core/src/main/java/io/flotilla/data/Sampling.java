package io.flotilla.data;

import java.util.SplittableRandom;

/**
 * Seeded sampling used by the partitioners: shuffles, gamma and Dirichlet draws. Everything is built on
 * {@link SplittableRandom#nextDouble()} and {@link SplittableRandom#nextInt(int)} so results are identical on
 * every JDK for a given seed (the JDK's own Gaussian algorithm is not part of its specification).
 */
final class Sampling {
    private Sampling() {
    }

    /** Fisher-Yates shuffle of {@code a}; modifies it. */
    static void shuffleInPlace(int[] a, SplittableRandom rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** {@code 0, 1, ..., n-1} in a random order. */
    static int[] permutation(int n, SplittableRandom rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        shuffleInPlace(p, rng);
        return p;
    }

    /** A standard normal draw (Marsaglia's polar method). */
    static double normal(SplittableRandom rng) {
        double u;
        double v;
        double s;
        do {
            u = 2 * rng.nextDouble() - 1;
            v = 2 * rng.nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        return u * Math.sqrt(-2 * Math.log(s) / s);
    }

    /**
     * The logarithm of a Gamma(shape, 1) draw, by Marsaglia and Tsang (2000); for {@code shape < 1} it uses
     * {@code G(shape) = G(shape + 1) * U^(1/shape)}, kept in log space because for small shapes the draw itself
     * underflows to zero.
     */
    static double logGamma(double shape, SplittableRandom rng) {
        if (!(shape > 0) || Double.isInfinite(shape)) {
            throw new IllegalArgumentException("gamma shape must be positive and finite, got " + shape);
        }
        if (shape < 1) {
            double u = rng.nextDouble();
            while (u == 0) {
                u = rng.nextDouble();
            }
            return logGamma(shape + 1, rng) + Math.log(u) / shape;
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x;
            double v;
            do {
                x = normal(rng);
                v = 1 + c * x;
            } while (v <= 0);
            v = v * v * v;
            double u = rng.nextDouble();
            if (u < 1 - 0.0331 * x * x * x * x) {
                return Math.log(d * v);
            }
            if (u > 0 && Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
                return Math.log(d * v);
            }
        }
    }

    /** A Gamma(shape, 1) draw. */
    static double gamma(double shape, SplittableRandom rng) {
        return Math.exp(logGamma(shape, rng));
    }

    /**
     * A symmetric Dirichlet(alpha, ..., alpha) draw of {@code out.length} proportions summing to 1, written
     * into {@code out}; modifies it. Normalised in log space so tiny alphas stay finite.
     */
    static void dirichlet(double alpha, SplittableRandom rng, double[] out) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < out.length; i++) {
            out[i] = logGamma(alpha, rng);
            max = Math.max(max, out[i]);
        }
        double sum = 0;
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.exp(out[i] - max);
            sum += out[i];
        }
        for (int i = 0; i < out.length; i++) {
            out[i] /= sum;
        }
    }

    /**
     * Cut points for splitting {@code n} items by {@code proportions} (which sum to 1), as NumPy's
     * {@code (cumsum(p) * n).astype(int)[:-1]}: {@code cuts[i]} is where part {@code i + 1} starts;
     * {@code cuts.length == proportions.length - 1}.
     */
    static int[] cuts(double[] proportions, int n) {
        int[] cuts = new int[proportions.length - 1];
        double acc = 0;
        for (int i = 0; i < cuts.length; i++) {
            acc += proportions[i];
            cuts[i] = (int) Math.min(n, Math.max(0, Math.floor(acc * n)));
        }
        return cuts;
    }

    /** Positions, grouped by label: {@code result[k]} holds the indices with label {@code k}, ascending. */
    static int[][] indicesByLabel(Dataset data) {
        int[] hist = data.labelHistogram();
        int[][] byLabel = new int[hist.length][];
        for (int k = 0; k < hist.length; k++) {
            byLabel[k] = new int[hist[k]];
        }
        int[] fill = new int[hist.length];
        for (int i = 0, n = data.size(); i < n; i++) {
            int y = data.label(i);
            byLabel[y][fill[y]++] = i;
        }
        return byLabel;
    }
}
