package io.flotilla.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An assignment of a dataset's examples to federated clients: for each client, the positions of its examples.
 *
 * <p>Immutable; the index arrays are copied on the way in and out. Construction checks every index is inside
 * the dataset and held by at most one client (partitions are disjoint). A partition need not be complete:
 * {@link #unassigned()} counts examples no client holds (the {@code #C=k} scheme with fewer clients than
 * classes drops the labels nobody drew, as NIID-Bench does).
 */
public final class Partition {
    private final int[][] clients;
    private final int datasetSize;
    private final String description;

    private Partition(int[][] clients, int datasetSize, String description) {
        this.clients = clients;
        this.datasetSize = datasetSize;
        this.description = description;
    }

    /**
     * A partition of a dataset of {@code datasetSize} examples; {@code description} names the scheme (for
     * summaries and run reports).
     *
     * @throws IllegalArgumentException when an index is outside {@code [0, datasetSize)} or held twice
     */
    public static Partition of(int[][] clientIndices, int datasetSize, String description) {
        if (clientIndices.length == 0) {
            throw new IllegalArgumentException("a partition needs at least one client");
        }
        int[][] copy = new int[clientIndices.length][];
        boolean[] seen = new boolean[datasetSize];
        for (int c = 0; c < clientIndices.length; c++) {
            copy[c] = clientIndices[c].clone();
            for (int idx : copy[c]) {
                if (idx < 0 || idx >= datasetSize) {
                    throw new IllegalArgumentException(
                            "client " + c + " holds index " + idx + " outside [0, " + datasetSize + ")");
                }
                if (seen[idx]) {
                    throw new IllegalArgumentException("index " + idx + " held twice (again by client " + c + ")");
                }
                seen[idx] = true;
            }
        }
        return new Partition(copy, datasetSize, description);
    }

    public int numClients() {
        return clients.length;
    }

    /** Size of the dataset this partition divides. */
    public int datasetSize() {
        return datasetSize;
    }

    /** The partitioning scheme and its parameters, e.g. {@code dirichlet(alpha=0.5, seed=1)}. */
    public String description() {
        return description;
    }

    /** A copy of client {@code c}'s example positions. */
    public int[] indices(int c) {
        return clients[c].clone();
    }

    /** Number of examples client {@code c} holds. */
    public int size(int c) {
        return clients[c].length;
    }

    /** Examples that no client holds. */
    public int unassigned() {
        long held = 0;
        for (int[] c : clients) {
            held += c.length;
        }
        return (int) (datasetSize - held);
    }

    /** Client {@code c}'s examples as a view over {@code data} (no features are copied). */
    public Dataset view(Dataset data, int c) {
        requireMatches(data);
        return data.subset(clients[c]);
    }

    /** Every client's examples as views over {@code data}, in client order. */
    public List<Dataset> views(Dataset data) {
        requireMatches(data);
        List<Dataset> out = new ArrayList<>(clients.length);
        for (int[] c : clients) {
            out.add(data.subset(c));
        }
        return out;
    }

    private void requireMatches(Dataset data) {
        if (data.size() != datasetSize) {
            throw new IllegalArgumentException(
                    "partition of " + datasetSize + " examples applied to a dataset of " + data.size());
        }
    }

    /** Label histogram of client {@code c} over {@code data}. */
    public int[] labelHistogram(Dataset data, int c) {
        requireMatches(data);
        int[] h = new int[data.numClasses()];
        for (int idx : clients[c]) {
            h[data.label(idx)]++;
        }
        return h;
    }

    /**
     * A table, one row per client: number of examples, number of distinct labels and the label histogram,
     * followed by totals and the smallest, mean and largest client size.
     */
    public String summary(Dataset data) {
        requireMatches(data);
        int k = data.numClasses();
        StringBuilder sb = new StringBuilder();
        sb.append(description).append(": ").append(clients.length).append(" clients, ").append(datasetSize)
                .append(" examples");
        if (unassigned() > 0) {
            sb.append(" (").append(unassigned()).append(" unassigned)");
        }
        sb.append('\n');
        sb.append(String.format("%7s %8s %6s", "client", "examples", "labels"));
        for (int j = 0; j < k; j++) {
            sb.append(String.format(" %6s", "y=" + j));
        }
        sb.append('\n');
        int[] total = new int[k];
        int min = Integer.MAX_VALUE;
        int max = 0;
        for (int c = 0; c < clients.length; c++) {
            int[] h = labelHistogram(data, c);
            int distinct = 0;
            for (int j = 0; j < k; j++) {
                total[j] += h[j];
                if (h[j] > 0) {
                    distinct++;
                }
            }
            min = Math.min(min, clients[c].length);
            max = Math.max(max, clients[c].length);
            sb.append(String.format("%7d %8d %6d", c, clients[c].length, distinct));
            for (int v : h) {
                sb.append(String.format(" %6d", v));
            }
            sb.append('\n');
        }
        sb.append(String.format("%7s %8d %6s", "total", datasetSize - unassigned(), ""));
        for (int v : total) {
            sb.append(String.format(" %6d", v));
        }
        sb.append('\n');
        sb.append(String.format("client size: min %d, mean %.1f, max %d%n", min,
                (datasetSize - unassigned()) / (double) clients.length, max));
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Partition p && datasetSize == p.datasetSize && Arrays.deepEquals(clients, p.clients);
    }

    @Override
    public int hashCode() {
        return 31 * datasetSize + Arrays.deepHashCode(clients);
    }

    @Override
    public String toString() {
        return "Partition(" + description + ", " + clients.length + " clients, " + datasetSize + " examples)";
    }
}
