package io.flotilla.data;

import java.util.SplittableRandom;

/**
 * Quantity skew of NIID-Bench (Li et al., ICDE 2022): examples are shuffled (so each client's labels follow
 * the global distribution) and client sizes are proportional to a symmetric Dirichlet({@code alpha}) draw.
 * The draw is repeated until every client holds at least {@code minSize} examples; after
 * {@value DirichletLabelPartitioner#MAX_ATTEMPTS} attempts the last one is repaired by moving random examples
 * from the largest clients.
 *
 * @param alpha Dirichlet concentration, positive and finite; small values give very unequal sizes
 * @param minSize the fewest examples a client may hold, at most {@code n / clients};
 *     {@link DirichletLabelPartitioner#AUTO_MIN_SIZE} for the default
 */
public record DirichletQuantityPartitioner(double alpha, int minSize) implements Partitioner {

    public DirichletQuantityPartitioner {
        DirichletLabelPartitioner.requireAlpha(alpha);
        if (minSize < DirichletLabelPartitioner.AUTO_MIN_SIZE) {
            throw new IllegalArgumentException("minimum client size must be non-negative, got " + minSize);
        }
    }

    /**
     * NIID-Bench's minimum of 10 examples per client, lowered for large federations (see
     * {@link DirichletLabelPartitioner#AUTO_MIN_SIZE}).
     */
    public DirichletQuantityPartitioner(double alpha) {
        this(alpha, DirichletLabelPartitioner.AUTO_MIN_SIZE);
    }

    @Override
    public Partition split(Dataset data, int clients, long seed) {
        Partitioner.requireClients(data, clients);
        int n = data.size();
        int min = DirichletLabelPartitioner.effectiveMinSize(minSize, n, clients);
        SplittableRandom rng = new SplittableRandom(seed);
        int[] perm = Sampling.permutation(n, rng);
        double[] p = new double[clients];
        int[] cuts = null;
        for (int attempt = 0; attempt < DirichletLabelPartitioner.MAX_ATTEMPTS; attempt++) {
            Sampling.dirichlet(alpha, rng, p);
            cuts = Sampling.cuts(p, n);
            if (smallestPart(cuts, n) >= min) {
                break;
            }
        }
        ClientLists lists = new ClientLists(clients, n / clients);
        lists.addSplit(perm, cuts);
        if (lists.minSize() < min) {
            lists.repairMinSize(min, rng);
        }
        return Partition.of(lists.toShuffledArrays(rng), n,
                "quantity(alpha=" + alpha + ", min_size=" + min + ", seed=" + seed + ")");
    }

    private static int smallestPart(int[] cuts, int n) {
        int min = Integer.MAX_VALUE;
        int from = 0;
        for (int cut : cuts) {
            min = Math.min(min, cut - from);
            from = cut;
        }
        return Math.min(min, n - from);
    }
}
