package io.flotilla.data;

/**
 * Divides a dataset among federated clients. Implementations are deterministic functions of the labels, the
 * number of clients and the seed: the same inputs give the same {@link Partition}.
 */
public interface Partitioner {

    /**
     * Splits {@code data} among {@code clients} clients.
     *
     * @throws IllegalArgumentException when the split is impossible (more clients than examples, a minimum
     *     size that cannot be met), naming the numbers involved
     */
    Partition split(Dataset data, int clients, long seed);

    /** The scheme names {@link #named} accepts, as used by the {@code partition} configuration key. */
    java.util.List<String> SCHEMES = java.util.List.of("iid", "shards", "labels", "dirichlet", "quantity");

    /**
     * The partitioner for a configuration's {@code partition} key: {@code iid}; {@code shards} (two per client);
     * {@code labels} ({@code #C=k} with {@code k = labelsPerClient}); {@code dirichlet} (label skew with
     * {@code alpha}); {@code quantity} (quantity skew with {@code alpha}). Parameters a scheme does not use are
     * ignored.
     *
     * @throws IllegalArgumentException for an unknown scheme (listing the known ones) or invalid parameters
     */
    static Partitioner named(String scheme, double alpha, int labelsPerClient) {
        return switch (scheme) {
            case "iid" -> new IidPartitioner();
            case "shards" -> new ShardPartitioner();
            case "labels" -> new LabelSkewPartitioner(labelsPerClient);
            case "dirichlet" -> new DirichletLabelPartitioner(alpha);
            case "quantity" -> new DirichletQuantityPartitioner(alpha);
            default -> throw new IllegalArgumentException("unknown partition scheme '" + scheme + "'; known: " + SCHEMES);
        };
    }

    /** Common argument checks: at least one client and no more clients than examples. */
    static void requireClients(Dataset data, int clients) {
        if (clients < 1) {
            throw new IllegalArgumentException("need at least 1 client, got " + clients);
        }
        if (clients > data.size()) {
            throw new IllegalArgumentException(
                    "cannot split " + data.size() + " examples among " + clients + " clients");
        }
    }
}
