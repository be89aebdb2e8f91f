package io.flotilla.coordinator;

import io.flotilla.privacy.DpSgd;
import io.flotilla.privacy.RdpAccountant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Record-level accounting of example-level DP-SGD, one ledger per client: each round a client is sampled into,
 * its local training ran {@code epochs * stepsPerEpoch(n, B)} steps of the Poisson-subsampled Gaussian mechanism
 * with {@code q = B / n} over its {@code n} examples, and these compose over the rounds it took part in. The
 * run reports the worst client's epsilon: a guarantee for every record of every client.
 *
 * <p>Every sampled client is charged, whether or not its update was accepted: it trained on its data either
 * way, and over-charging is safe. The example count is the one the client announced (its training set size).
 * Not thread-safe (the coordinator actor owns it).
 */
final class ExampleLevelLedgers {
    /** Checkpoint ledger names are this prefix plus the client id. */
    static final String PREFIX = "example-level/";

    private final double noiseMultiplier;
    private final int batchSize;
    private final int epochs;
    private final double delta;
    private final Map<String, RdpAccountant> accountants = new HashMap<>();
    private final Map<String, List<LedgerEntry>> entries = new TreeMap<>();
    private final Map<String, Double> epsilons = new HashMap<>();

    ExampleLevelLedgers(double noiseMultiplier, int batchSize, int epochs, double delta) {
        if (!(noiseMultiplier > 0) || Double.isInfinite(noiseMultiplier)) {
            throw new IllegalArgumentException("DP-SGD noise multiplier must be finite and > 0, got " + noiseMultiplier);
        }
        if (batchSize < 1 || epochs < 1) {
            throw new IllegalArgumentException("batch size and epochs must be >= 1, got " + batchSize + ", " + epochs);
        }
        if (!(delta > 0 && delta < 1)) {
            throw new IllegalArgumentException("delta must be in (0, 1), got " + delta);
        }
        this.noiseMultiplier = noiseMultiplier;
        this.batchSize = batchSize;
        this.epochs = epochs;
        this.delta = delta;
    }

    /** Charges one round of local DP-SGD to every client of {@code examplesByClient} (id to example count). */
    void recordRound(int round, Map<String, Integer> examplesByClient) {
        for (Map.Entry<String, Integer> e : examplesByClient.entrySet()) {
            int n = e.getValue();
            if (n < 1) {
                continue; // a client without examples trained on nothing and released nothing about any record
            }
            charge(e.getKey(), new LedgerEntry(round, DpSgd.samplingRate(n, batchSize), noiseMultiplier,
                    Math.multiplyExact(epochs, DpSgd.stepsPerEpoch(n, batchSize))));
        }
    }

    private void charge(String client, LedgerEntry entry) {
        List<LedgerEntry> list = entries.computeIfAbsent(client, k -> new ArrayList<>());
        if (!list.isEmpty() && entry.round() <= list.get(list.size() - 1).round()) {
            throw new IllegalArgumentException("client " + client + ": round " + entry.round() + " charged after round "
                    + list.get(list.size() - 1).round());
        }
        list.add(entry);
        RdpAccountant a = accountants.computeIfAbsent(client, k -> new RdpAccountant());
        a.composePoissonGaussian(entry.samplingRate(), entry.noiseMultiplier(), entry.steps());
        epsilons.put(client, a.epsilon(delta).epsilon());
    }

    /** The largest record-level epsilon of any client so far (0 before any round). */
    double worstEpsilon() {
        double worst = 0;
        for (double e : epsilons.values()) {
            worst = Math.max(worst, e);
        }
        return worst;
    }

    /** One client's record-level epsilon (0 if it never trained). */
    double epsilon(String client) {
        return epsilons.getOrDefault(client, 0.0);
    }

    /** The ledgers for a checkpoint, named {@link #PREFIX} + client id. */
    Map<String, List<LedgerEntry>> checkpointEntries() {
        Map<String, List<LedgerEntry>> out = new TreeMap<>();
        entries.forEach((client, list) -> out.put(PREFIX + client, List.copyOf(list)));
        return out;
    }

    /** Recomposes the {@link #PREFIX} ledgers of a checkpoint into this (empty) set of ledgers. */
    void restore(Map<String, List<LedgerEntry>> checkpointed) {
        if (!entries.isEmpty()) {
            throw new IllegalArgumentException("cannot restore DP-SGD ledgers into ledgers that hold "
                    + entries.size() + " clients");
        }
        for (Map.Entry<String, List<LedgerEntry>> e : checkpointed.entrySet()) {
            if (!e.getKey().startsWith(PREFIX)) {
                continue;
            }
            String client = e.getKey().substring(PREFIX.length());
            for (LedgerEntry entry : e.getValue()) {
                charge(client, entry);
            }
        }
    }

    /** Number of clients with a ledger. */
    int clients() {
        return entries.size();
    }
}
