package io.flotilla.data;

import java.util.SplittableRandom;

/**
 * Distribution-based label skew of NIID-Bench (Li et al., ICDE 2022): for each label, the proportions of its
 * examples that go to each client are drawn from a symmetric Dirichlet({@code alpha}); a client that already
 * holds its fair share ({@code n / clients}) gets no more. Small {@code alpha} (0.1) gives highly skewed clients,
 * large {@code alpha} (100) approaches IID.
 *
 * <p>As in NIID-Bench the draw is repeated until every client holds at least {@code minSize} examples. With many
 * clients that may never happen (with 10,000 clients some client almost surely gets nothing), so after
 * {@value #MAX_ATTEMPTS} attempts the last draw is repaired by moving random examples from the largest clients
 * to the short ones, which keeps the skew of all but the smallest clients.
 *
 * @param alpha Dirichlet concentration, positive and finite
 * @param minSize the fewest examples a client may hold (NIID-Bench uses 10), at most {@code n / clients};
 *     {@link #AUTO_MIN_SIZE} for the default
 */
public record DirichletLabelPartitioner(double alpha, int minSize) implements Partitioner {
    /** Draws tried before repairing the last one. */
    public static final int MAX_ATTEMPTS = 50;
    /** NIID-Bench's minimum client size. */
    public static final int DEFAULT_MIN_SIZE = 10;
    /**
     * A {@code minSize} meaning: {@link #DEFAULT_MIN_SIZE}, lowered to half the mean client size
     * {@code n / (2 clients)} (but at least 1) when that is smaller.
     */
    public static final int AUTO_MIN_SIZE = -1;

    public DirichletLabelPartitioner {
        requireAlpha(alpha);
        if (minSize < AUTO_MIN_SIZE) {
            throw new IllegalArgumentException("minimum client size must be non-negative, got " + minSize);
        }
    }

    /** NIID-Bench's minimum of 10 examples per client, lowered for large federations (see {@link #AUTO_MIN_SIZE}). */
    public DirichletLabelPartitioner(double alpha) {
        this(alpha, AUTO_MIN_SIZE);
    }

    static void requireAlpha(double alpha) {
        if (!(alpha > 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("Dirichlet alpha must be positive and finite, got " + alpha);
        }
    }

    /**
     * The minimum size to enforce: {@code minSize}, or for {@link #AUTO_MIN_SIZE} the default capped at the
     * mean client size.
     */
    static int effectiveMinSize(int minSize, int n, int clients) {
        if (minSize == AUTO_MIN_SIZE) {
            // Half the mean size at most: a minimum equal to the mean would force every client to the same size.
            return Math.min(DEFAULT_MIN_SIZE, Math.max(1, n / (2 * clients)));
        }
        if ((long) minSize * clients > n) {
            throw new IllegalArgumentException("cannot give each of " + clients + " clients at least " + minSize
                    + " of " + n + " examples");
        }
        return minSize;
    }

    @Override
    public Partition split(Dataset data, int clients, long seed) {
        Partitioner.requireClients(data, clients);
        int n = data.size();
        int min = effectiveMinSize(minSize, n, clients);
        SplittableRandom rng = new SplittableRandom(seed);
        int[][] byLabel = Sampling.indicesByLabel(data);
        double[] p = new double[clients];
        double fairShare = (double) n / clients;
        ClientLists lists = null;
        for (int attempt = 0; attempt < MAX_ATTEMPTS && (lists == null || lists.minSize() < min); attempt++) {
            lists = new ClientLists(clients, n / clients);
            for (int[] idx : byLabel) {
                Sampling.shuffleInPlace(idx, rng);
                Sampling.dirichlet(alpha, rng, p);
                double sum = 0;
                for (int c = 0; c < clients; c++) {
                    if (lists.size(c) >= fairShare) {
                        p[c] = 0;
                    }
                    sum += p[c];
                }
                for (int c = 0; c < clients; c++) {
                    p[c] = sum > 0 ? p[c] / sum : 1.0 / clients;
                }
                lists.addSplit(idx, Sampling.cuts(p, idx.length));
            }
        }
        if (lists.minSize() < min) {
            lists.repairMinSize(min, rng);
        }
        return Partition.of(lists.toShuffledArrays(rng), n,
                "dirichlet(alpha=" + alpha + ", min_size=" + min + ", seed=" + seed + ")");
    }
}
