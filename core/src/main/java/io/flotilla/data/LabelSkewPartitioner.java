package io.flotilla.data;

import java.util.SplittableRandom;

/**
 * Quantity-based label skew {@code #C=k} of NIID-Bench (Li et al., ICDE 2022): each client holds examples of
 * exactly {@code labelsPerClient} distinct labels. Client {@code i} always gets label {@code i mod K} and then
 * random further labels; each label's examples are shuffled and split evenly among the clients that hold it.
 *
 * <p>With at least as many clients as classes every label is held and the partition is complete. With fewer,
 * labels that no client drew are left unassigned, as in NIID-Bench ({@link Partition#unassigned()}).
 *
 * @param labelsPerClient distinct labels per client, in {@code [1, numClasses]}
 */
public record LabelSkewPartitioner(int labelsPerClient) implements Partitioner {

    public LabelSkewPartitioner {
        if (labelsPerClient < 1) {
            throw new IllegalArgumentException("labels per client must be at least 1, got " + labelsPerClient);
        }
    }

    @Override
    public Partition split(Dataset data, int clients, long seed) {
        Partitioner.requireClients(data, clients);
        int numClasses = data.numClasses();
        if (labelsPerClient > numClasses) {
            throw new IllegalArgumentException(
                    "cannot give each client " + labelsPerClient + " labels: the data has " + numClasses + " classes");
        }
        SplittableRandom rng = new SplittableRandom(seed);
        boolean[][] holds = new boolean[clients][numClasses];
        for (int c = 0; c < clients; c++) {
            int first = c % numClasses;
            holds[c][first] = true;
            for (int j = 1; j < labelsPerClient; ) {
                int label = rng.nextInt(numClasses);
                if (!holds[c][label]) {
                    holds[c][label] = true;
                    j++;
                }
            }
        }
        return AssignedLabelPartitioner.splitAmongHolders(data, holds, rng,
                "labels(per_client=" + labelsPerClient + ", seed=" + seed + ")");
    }
}
