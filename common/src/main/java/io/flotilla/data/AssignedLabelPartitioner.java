package io.flotilla.data;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Label skew with the labels of every client given rather than drawn: client {@code i} holds the labels of
 * {@code labelSets[i]}, and each label's examples are shuffled and split evenly among the clients that hold it
 * (NumPy's {@code array_split}, as NIID-Bench does). This reproduces a published {@code #C=k} partition exactly up
 * to which examples of a label each holder gets: the label structure (which labels a single client holds alone)
 * decides most of the accuracy federated averaging reaches on it.
 *
 * <p>Labels no client holds are left unassigned ({@link Partition#unassigned()}).
 */
public final class AssignedLabelPartitioner implements Partitioner {
    private final int[][] labelSets;

    /**
     * @param labelSets one non-empty set of distinct, non-negative labels per client (copied)
     */
    public AssignedLabelPartitioner(int[][] labelSets) {
        if (labelSets.length == 0) {
            throw new IllegalArgumentException("label sets must name at least one client's labels");
        }
        this.labelSets = new int[labelSets.length][];
        for (int c = 0; c < labelSets.length; c++) {
            int[] set = labelSets[c].clone();
            if (set.length == 0) {
                throw new IllegalArgumentException("client " + c + " has an empty label set");
            }
            int[] sorted = set.clone();
            Arrays.sort(sorted);
            for (int j = 0; j < sorted.length; j++) {
                if (sorted[j] < 0 || (j > 0 && sorted[j] == sorted[j - 1])) {
                    throw new IllegalArgumentException("client " + c + "'s labels " + Arrays.toString(set)
                            + " must be distinct and non-negative");
                }
            }
            this.labelSets[c] = set;
        }
    }

    @Override
    public Partition split(Dataset data, int clients, long seed) {
        Partitioner.requireClients(data, clients);
        if (clients != labelSets.length) {
            throw new IllegalArgumentException(
                    "label sets are given for " + labelSets.length + " clients, the federation has " + clients);
        }
        boolean[][] holds = new boolean[clients][data.numClasses()];
        for (int c = 0; c < clients; c++) {
            for (int label : labelSets[c]) {
                if (label >= data.numClasses()) {
                    throw new IllegalArgumentException("client " + c + " is given label " + label + ", the data has "
                            + data.numClasses() + " classes");
                }
                holds[c][label] = true;
            }
        }
        return splitAmongHolders(data, holds, new SplittableRandom(seed),
                "labels(assigned " + Arrays.deepToString(labelSets).replace(" ", "") + ", seed=" + seed + ")");
    }

    /**
     * Gives each label's examples, shuffled, in equal parts to the clients {@code holds} marks as holding it
     * (client order; the first {@code n mod holders} parts get one extra example).
     */
    static Partition splitAmongHolders(Dataset data, boolean[][] holds, SplittableRandom rng, String description) {
        int clients = holds.length;
        int[][] byLabel = Sampling.indicesByLabel(data);
        ClientLists lists = new ClientLists(clients, data.size() / clients);
        for (int k = 0; k < byLabel.length; k++) {
            int holders = 0;
            for (boolean[] h : holds) {
                holders += h[k] ? 1 : 0;
            }
            if (holders == 0) {
                continue;
            }
            int[] idx = byLabel[k];
            Sampling.shuffleInPlace(idx, rng);
            int part = 0;
            for (int c = 0; c < clients; c++) {
                if (holds[c][k]) {
                    lists.addRange(c, idx, splitPoint(part, idx.length, holders),
                            splitPoint(part + 1, idx.length, holders));
                    part++;
                }
            }
        }
        return Partition.of(lists.toShuffledArrays(rng), data.size(), description);
    }

    /** Start of part {@code p} when {@code n} items are split into {@code parts} (NumPy's array_split). */
    private static int splitPoint(int p, int n, int parts) {
        int base = n / parts;
        int extra = n % parts;
        return p * base + Math.min(p, extra);
    }
}
