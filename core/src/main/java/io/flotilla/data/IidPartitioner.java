package io.flotilla.data;

import java.util.SplittableRandom;

/**
 * Independent and identically distributed split: a seeded random permutation cut into {@code clients} parts
 * whose sizes differ by at most one.
 */
public record IidPartitioner() implements Partitioner {

    @Override
    public Partition split(Dataset data, int clients, long seed) {
        Partitioner.requireClients(data, clients);
        SplittableRandom rng = new SplittableRandom(seed);
        int n = data.size();
        int[] perm = Sampling.permutation(n, rng);
        int[][] out = new int[clients][];
        int base = n / clients;
        int extra = n % clients;
        for (int c = 0, pos = 0; c < clients; c++) {
            int size = base + (c < extra ? 1 : 0);
            out[c] = java.util.Arrays.copyOfRange(perm, pos, pos + size);
            pos += size;
        }
        return Partition.of(out, n, "iid(seed=" + seed + ")");
    }
}
