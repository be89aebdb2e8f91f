package io.flotilla.coordinator;

import java.util.ArrayList;
import java.util.List;

/**
 * Seeded cohort sampling whose whole random state is one {@code long} (SplitMix64), so a checkpoint restores it
 * exactly and a resumed run samples the same cohorts as an uninterrupted one.
 */
public final class CohortSampler {
    private long state;

    /** A sampler starting from {@code state} (the seed, or a state saved by {@link #state()}). */
    public CohortSampler(long state) {
        this.state = state;
    }

    /** The current random state, for checkpoints. */
    public long state() {
        return state;
    }

    private long nextLong() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private int nextInt(int bound) {
        // Lemire-style rejection keeps the draw unbiased.
        long r;
        long limit = Long.remainderUnsigned(-1L, bound);
        do {
            r = nextLong();
        } while (Long.compareUnsigned(r, -1L - limit) > 0);
        return (int) Long.remainderUnsigned(r, bound);
    }

    /**
     * {@code k} distinct members of {@code candidates}, chosen uniformly (partial Fisher-Yates). The result
     * depends only on the state and on the order of {@code candidates}: callers pass them sorted.
     */
    public <T> List<T> sample(List<T> candidates, int k) {
        if (k < 0 || k > candidates.size()) {
            throw new IllegalArgumentException("cannot sample " + k + " of " + candidates.size() + " candidates");
        }
        List<T> pool = new ArrayList<>(candidates);
        for (int i = 0; i < k; i++) {
            int j = i + nextInt(pool.size() - i);
            T tmp = pool.get(i);
            pool.set(i, pool.get(j));
            pool.set(j, tmp);
        }
        return List.copyOf(pool.subList(0, k));
    }

    /**
     * Poisson sampling: each of {@code candidates} joins independently with probability {@code q}, so the cohort
     * has a random size (Binomial(n, q)) and may be empty. This is the sampling the privacy accountant's
     * subsampled Gaussian mechanism assumes. Members come back in the order of {@code candidates}; the draw
     * consumes exactly one random number per candidate.
     */
    public <T> List<T> samplePoisson(List<T> candidates, double q) {
        if (!(q >= 0 && q <= 1)) {
            throw new IllegalArgumentException("Poisson sampling rate must be in [0, 1], got " + q);
        }
        List<T> out = new ArrayList<>();
        for (T c : candidates) {
            if (nextDouble() < q) {
                out.add(c);
            }
        }
        return List.copyOf(out);
    }

    /** Uniform in [0, 1) with 53 random bits. */
    private double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** A seed for one client's local training in one round, drawn from this sampler. */
    public long nextSeed() {
        return nextLong();
    }
}
