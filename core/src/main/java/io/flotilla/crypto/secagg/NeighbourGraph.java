package io.flotilla.crypto.secagg;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Who masks with and shares secrets to whom. The complete graph is the original protocol; SecAgg+ uses a Harary
 * graph H(k, n) over a seeded random relabelling of the clients, so each client has exactly k neighbours, and
 * cost per client grows with k = O(log n) instead of n. The relation is symmetric.
 */
public final class NeighbourGraph {
    private final int[][] peers;

    private NeighbourGraph(int[][] peers) {
        this.peers = peers;
    }

    public static NeighbourGraph of(SecAggConfig config) {
        int n = config.cohortSize();
        int[][] peers = new int[n][];
        if (config.neighbours() == 0) {
            for (int u = 0; u < n; u++) {
                int[] p = new int[n - 1];
                for (int v = 0, i = 0; v < n; v++) {
                    if (v != u) {
                        p[i++] = v;
                    }
                }
                peers[u] = p;
            }
            return new NeighbourGraph(peers);
        }
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        SplittableRandom r = new SplittableRandom(config.graphSeed());
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        int half = config.neighbours() / 2;
        for (int pos = 0; pos < n; pos++) {
            int[] p = new int[2 * half];
            for (int j = 1; j <= half; j++) {
                p[2 * j - 2] = perm[(pos + j) % n];
                p[2 * j - 1] = perm[(pos - j + n) % n];
            }
            Arrays.sort(p);
            peers[perm[pos]] = p;
        }
        return new NeighbourGraph(peers);
    }

    /** The sorted neighbours of {@code client}, itself excluded; a fresh copy. */
    public int[] peers(int client) {
        return peers[client].clone();
    }

    /** True if {@code u} and {@code v} are neighbours. */
    public boolean adjacent(int u, int v) {
        return Arrays.binarySearch(peers[u], v) >= 0;
    }
}
