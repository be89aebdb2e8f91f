package io.flotilla.simulation.scenario;

import java.util.List;
import java.util.Set;

/**
 * How the data set is split among clients ({@code partition.*}).
 *
 * @param labelSets with {@code kind = labels}: each client's labels, given instead of drawn (empty: drawn)
 * @param labelCounts with {@code kind = labels} or {@code dirichlet}: each client's count of every label, given
 *     instead of drawn (empty: drawn)
 */
public record PartitionSettings(String kind, double alpha, int labelsPerClient, int shardsPerClient,
                                double testFraction, List<List<Integer>> labelSets,
                                List<List<Integer>> labelCounts) {
    private static final Set<String> KINDS = Set.of("iid", "shards", "dirichlet", "labels", "quantity");

    public PartitionSettings {
        Scenario.require(KINDS.contains(kind), "partition.kind", "must be one of " + KINDS, kind);
        Scenario.require(alpha > 0 && Double.isFinite(alpha), "partition.alpha", "must be positive", alpha);
        Scenario.require(labelsPerClient >= 1, "partition.labels_per_client", "must be at least 1", labelsPerClient);
        Scenario.require(shardsPerClient >= 1, "partition.shards_per_client", "must be at least 1", shardsPerClient);
        Scenario.require(testFraction >= 0 && testFraction < 1, "partition.test_fraction", "must be in [0, 1)",
                testFraction);
        labelSets = List.copyOf(labelSets);
        Scenario.require(labelSets.isEmpty() || kind.equals("labels"), "partition.label_sets",
                "applies only to partition.kind = labels", kind);
        labelCounts = List.copyOf(labelCounts);
        Scenario.require(labelCounts.isEmpty() || kind.equals("labels") || kind.equals("dirichlet"),
                "partition.label_counts", "applies only to partition.kind = labels or dirichlet", kind);
        Scenario.require(labelSets.isEmpty() || labelCounts.isEmpty(), "partition.label_sets",
                "and partition.label_counts cannot both be given", "both");
    }

    /** Rows of numbers as arrays, one per client. */
    public static int[][] arrays(List<List<Integer>> rows) {
        int[][] out = new int[rows.size()][];
        for (int c = 0; c < out.length; c++) {
            List<Integer> row = rows.get(c);
            out[c] = new int[row.size()];
            for (int j = 0; j < out[c].length; j++) {
                out[c][j] = row.get(j);
            }
        }
        return out;
    }
}
