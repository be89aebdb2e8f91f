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
