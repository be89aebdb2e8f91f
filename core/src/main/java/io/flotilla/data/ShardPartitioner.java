package io.flotilla.data;

import java.util.SplittableRandom;

/**
 * The pathological non-IID split of the FedAvg paper (McMahan et al. 2017): sort the examples by label, cut
 * them into {@code clients * shardsPerClient} shards of (nearly) equal size and give each client
 * {@code shardsPerClient} shards chosen at random. With two shards per client most clients see two labels.
 *
 * <p>Examples are shuffled before a stable sort by label, so the seed also decides which examples of a label
 * fall into which shard.
 *
 * @param shardsPerClient shards each client receives (2 in the paper)
 */
public record ShardPartitioner(int shardsPerClient) implements Partitioner {

    public ShardPartitioner {
        if (shardsPerClient < 1) {
            throw new IllegalArgumentException("shards per client must be at least 1, got " + shardsPerClient);
        }
    }

    /** The paper's setting: two shards per client. */
    public ShardPartitioner() {
        this(2);
    }

    @Override
    public Partition split(Dataset data, int clients, long seed) {
        Partitioner.requireClients(data, clients);
        int n = data.size();
        long shards = (long) clients * shardsPerClient;
        if (shards > n) {
            throw new IllegalArgumentException("cannot cut " + n + " examples into " + shards + " shards ("
                    + clients + " clients x " + shardsPerClient + " shards)");
        }
        SplittableRandom rng = new SplittableRandom(seed);
        int[] perm = Sampling.permutation(n, rng);
        // Stable counting sort of the shuffled positions by label.
        int[] start = new int[data.numClasses() + 1];
        for (int i = 0; i < n; i++) {
            start[data.label(i) + 1]++;
        }
        for (int k = 0; k < data.numClasses(); k++) {
            start[k + 1] += start[k];
        }
        int[] sorted = new int[n];
        for (int p : perm) {
            sorted[start[data.label(p)]++] = p;
        }
        int numShards = (int) shards;
        int[] shardOrder = Sampling.permutation(numShards, rng);
        ClientLists lists = new ClientLists(clients, n / clients);
        for (int c = 0; c < clients; c++) {
            for (int s = 0; s < shardsPerClient; s++) {
                int shard = shardOrder[c * shardsPerClient + s];
                // NumPy's array_split: the first n % numShards shards are one longer.
                lists.addRange(c, sorted, shardStart(shard, n, numShards), shardStart(shard + 1, n, numShards));
            }
        }
        return Partition.of(lists.toShuffledArrays(rng), n,
                "shards(per_client=" + shardsPerClient + ", seed=" + seed + ")");
    }

    private static int shardStart(int shard, int n, int numShards) {
        int base = n / numShards;
        int extra = n % numShards;
        return shard * base + Math.min(shard, extra);
    }
}
