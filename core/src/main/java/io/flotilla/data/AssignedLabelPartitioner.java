package io.flotilla.data;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Label skew given rather than drawn, to rerun a published partition: either each client's label set (each label's
 * examples are shuffled and split evenly among the clients that hold it, NumPy's {@code array_split}, as NIID-Bench
 * does for {@code #C=k}) or each client's count of every label (any label-skew draw, such as a Dirichlet one). Both
 * reproduce a partition's label structure exactly; only which examples of a label a client gets is this run's
 * seeded choice. On skewed partitions that structure (which labels a single client holds alone, how unequal the
 * clients are) decides most of the accuracy federated averaging reaches.
 *
 * <p>Examples no client is given are left unassigned ({@link Partition#unassigned()}).
 */
public final class AssignedLabelPartitioner implements Partitioner {
    private final int[][] labelSets;
    private final int[][] counts;

    private AssignedLabelPartitioner(int[][] labelSets, int[][] counts) {
        this.labelSets = labelSets;
        this.counts = counts;
    }

    /** Client {@code i} holds the labels of {@code labelSets[i]}: non-empty sets of distinct, non-negative labels. */
    public static AssignedLabelPartitioner ofLabelSets(int[][] labelSets) {
        int[][] sets = copyRows(labelSets, "label sets");
        for (int c = 0; c < sets.length; c++) {
            int[] sorted = sets[c].clone();
            Arrays.sort(sorted);
            if (sorted.length == 0) {
                throw new IllegalArgumentException("client " + c + " has an empty label set");
            }
            for (int j = 0; j < sorted.length; j++) {
                if (sorted[j] < 0 || (j > 0 && sorted[j] == sorted[j - 1])) {
                    throw new IllegalArgumentException("client " + c + "'s labels " + Arrays.toString(sets[c])
                            + " must be distinct and non-negative");
                }
            }
        }
        return new AssignedLabelPartitioner(sets, null);
    }

    /** Client {@code i} gets {@code counts[i][k]} examples of label {@code k}: non-negative, one count per class. */
    public static AssignedLabelPartitioner ofCounts(int[][] counts) {
        int[][] rows = copyRows(counts, "label counts");
        for (int c = 0; c < rows.length; c++) {
            if (rows[c].length != rows[0].length) {
                throw new IllegalArgumentException("client " + c + " has " + rows[c].length + " label counts, client 0 "
                        + rows[0].length);
            }
            for (int n : rows[c]) {
                if (n < 0) {
                    throw new IllegalArgumentException("client " + c + " has a negative label count " + n);
                }
            }
        }
        return new AssignedLabelPartitioner(null, rows);
    }

    private static int[][] copyRows(int[][] rows, String what) {
        if (rows.length == 0) {
            throw new IllegalArgumentException(what + " must describe at least one client");
        }
        int[][] out = new int[rows.length][];
        for (int c = 0; c < rows.length; c++) {
            out[c] = rows[c].clone();
        }
        return out;
    }

    @Override
    public Partition split(Dataset data, int clients, long seed) {
        Partitioner.requireClients(data, clients);
        int given = labelSets != null ? labelSets.length : counts.length;
        if (clients != given) {
            throw new IllegalArgumentException(
                    "labels are given for " + given + " clients, the federation has " + clients);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        if (counts != null) {
            if (counts[0].length != data.numClasses()) {
                throw new IllegalArgumentException("label counts name " + counts[0].length + " classes, the data has "
                        + data.numClasses());
            }
            return splitByCounts(data, counts, rng, "labels(counts given, seed=" + seed + ")");
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
        return splitAmongHolders(data, holds, rng,
                "labels(assigned " + Arrays.deepToString(labelSets).replace(" ", "") + ", seed=" + seed + ")");
    }

    /**
     * Gives each label's examples, shuffled, in equal parts to the clients {@code holds} marks as holding it
     * (client order; the first {@code n mod holders} parts get one extra example).
     */
    static Partition splitAmongHolders(Dataset data, boolean[][] holds, SplittableRandom rng, String description) {
        int clients = holds.length;
        int[] perLabel = new int[data.numClasses()];
        for (int i = 0; i < data.size(); i++) {
            perLabel[data.label(i)]++;
        }
        int[][] even = new int[clients][perLabel.length];
        for (int k = 0; k < perLabel.length; k++) {
            int holders = 0;
            for (boolean[] h : holds) {
                holders += h[k] ? 1 : 0;
            }
            for (int c = 0, part = 0; c < clients; c++) {
                if (holds[c][k]) {
                    even[c][k] = perLabel[k] / holders + (part < perLabel[k] % holders ? 1 : 0);
                    part++;
                }
            }
        }
        return splitByCounts(data, even, rng, description);
    }

    private static Partition splitByCounts(Dataset data, int[][] counts, SplittableRandom rng, String description) {
        int clients = counts.length;
        int[][] byLabel = Sampling.indicesByLabel(data);
        ClientLists lists = new ClientLists(clients, data.size() / clients);
        for (int k = 0; k < byLabel.length; k++) {
            long wanted = 0;
            for (int[] row : counts) {
                wanted += row[k];
            }
            if (wanted > byLabel[k].length) {
                throw new IllegalArgumentException("label counts ask for " + wanted + " examples of label " + k
                        + ", the data has " + byLabel[k].length);
            }
            if (wanted == 0) {
                continue;
            }
            int[] idx = byLabel[k];
            Sampling.shuffleInPlace(idx, rng);
            int from = 0;
            for (int c = 0; c < clients; c++) {
                lists.addRange(c, idx, from, from + counts[c][k]);
                from += counts[c][k];
            }
        }
        return Partition.of(lists.toShuffledArrays(rng), data.size(), description);
    }
}
