package io.flotilla.crypto.secagg;

import java.util.Map;
import java.util.TreeMap;

/**
 * Stage 3, client to server: for each neighbour in U3 its share of that neighbour's self-mask seed, for each
 * neighbour that dropped (in U2, not in U3) its share of that neighbour's mask key seed; never both for one
 * client.
 */
public record UnmaskResponse(int client, Map<Integer, Share> seedShares, Map<Integer, Share> keyShares) {
    public UnmaskResponse {
        seedShares = java.util.Collections.unmodifiableMap(new TreeMap<>(seedShares));
        keyShares = java.util.Collections.unmodifiableMap(new TreeMap<>(keyShares));
        for (Integer v : seedShares.keySet()) {
            if (keyShares.containsKey(v)) {
                throw new IllegalArgumentException("both shares of client " + v + " revealed");
            }
        }
    }

    public long wireBytes() {
        return 12 + (seedShares.size() + keyShares.size()) * (8L + ShamirSecretSharer.SHARE_SIZE);
    }
}
