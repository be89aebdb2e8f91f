package io.flotilla.crypto.envelope;

import io.flotilla.crypto.X25519PublicKey;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeMap;

/**
 * Remembers which (round, client) pairs and which envelopes (by ephemeral key) were accepted, so that a second
 * update of a client in a round, or a resent envelope, is a replay. Shared by the openers of successive rounds;
 * {@link #forgetBefore} bounds its memory. Thread-safe.
 */
public final class ReplayGuard {
    private final TreeMap<Long, Set<String>> clientsByRound = new TreeMap<>();
    private final TreeMap<Long, Set<X25519PublicKey>> envelopesByRound = new TreeMap<>();

    /** True if nothing from {@code clientId} in {@code round}, nor this envelope, was accepted yet. */
    public synchronized boolean isFresh(long round, String clientId, X25519PublicKey ephemeral) {
        for (Set<X25519PublicKey> seen : envelopesByRound.values()) {
            if (seen.contains(ephemeral)) {
                return false;
            }
        }
        Set<String> clients = clientsByRound.get(round);
        return clients == null || !clients.contains(clientId);
    }

    /** Atomically checks freshness and records the update; false if it was a replay. */
    public synchronized boolean accept(long round, String clientId, X25519PublicKey ephemeral) {
        if (!isFresh(round, clientId, ephemeral)) {
            return false;
        }
        clientsByRound.computeIfAbsent(round, r -> new HashSet<>()).add(clientId);
        envelopesByRound.computeIfAbsent(round, r -> new HashSet<>()).add(ephemeral);
        return true;
    }

    /** Drops memory of rounds before {@code round}; their updates are stale by round number anyway. */
    public synchronized void forgetBefore(long round) {
        clientsByRound.headMap(round).clear();
        envelopesByRound.headMap(round).clear();
    }
}
