package io.flotilla.simulation.scenario;

import java.util.Set;

/** How the data set is split among clients ({@code partition.*}). */
public record PartitionSettings(String kind, double alpha, int labelsPerClient, int shardsPerClient,
                                double testFraction) {
    private static final Set<String> KINDS = Set.of("iid", "shards", "dirichlet", "labels", "quantity");

    public PartitionSettings {
        Scenario.require(KINDS.contains(kind), "partition.kind", "must be one of " + KINDS, kind);
        Scenario.require(alpha > 0 && Double.isFinite(alpha), "partition.alpha", "must be positive", alpha);
        Scenario.require(labelsPerClient >= 1, "partition.labels_per_client", "must be at least 1", labelsPerClient);
        Scenario.require(shardsPerClient >= 1, "partition.shards_per_client", "must be at least 1", shardsPerClient);
        Scenario.require(testFraction >= 0 && testFraction < 1, "partition.test_fraction", "must be in [0, 1)",
                testFraction);
    }
}
