package io.flotilla.crypto.secagg;

import io.flotilla.crypto.SecretBytes;
import io.flotilla.crypto.X25519PrivateKey;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The server's side of a secure aggregation session: collects each stage's messages ({@code onXxx}), then closes
 * the stage ({@code closeXxx}) with whoever answered, which is how dropouts enter. Masked inputs are folded into a
 * running sum as they arrive: the server holds O(vector) state and never an individual input. {@link #finish}
 * removes the survivors' self masks and the dropped clients' pairwise masks and decodes the weighted sum, or
 * aborts with {@link SecAggAbortedException} when fewer than the threshold remain. Not thread-safe.
 */
public final class SecAggServer {
    private enum Stage { ADVERTISE, SHARE, MASK, UNMASK, DONE }

    private final SecAggConfig config;
    private final long session;
    private final MaskGenerator prg;
    private final NeighbourGraph graph;
    private final SecretSharer sharer = new ShamirSecretSharer();
    private Stage stage = Stage.ADVERTISE;
    private final Map<Integer, AdvertiseKeys> advertised = new TreeMap<>();
    private final Map<Integer, List<EncryptedShare>> inbox = new HashMap<>();
    private final TreeSet<Integer> sharers = new TreeSet<>();
    private final TreeSet<Integer> survivors = new TreeSet<>();
    private final Map<Integer, UnmaskResponse> responses = new TreeMap<>();
    private final int[] sum;
    /** The configured threshold until stage 0 closes, then the threshold of the group that advertised. */
    private int threshold;

    public SecAggServer(SecAggConfig config, long session, MaskGenerator prg) {
        this.config = config;
        this.session = session;
        this.prg = prg;
        this.graph = NeighbourGraph.of(config);
        this.sum = new int[config.vectorLength() + 1];
        this.threshold = config.threshold();
    }

    /** The Shamir threshold in force: of the group once stage 0 closed ({@link SecAggConfig#groupThreshold}). */
    public int threshold() {
        return threshold;
    }

    public void onAdvertise(AdvertiseKeys msg) {
        expect(Stage.ADVERTISE);
        checkId(msg.client());
        if (advertised.putIfAbsent(msg.client(), msg) != null) {
            throw new IllegalArgumentException("client " + msg.client() + " advertised twice");
        }
    }

    /**
     * Ends stage 0 with the clients that advertised (U1): they are the session's group, and the threshold is
     * taken of it ({@link SecAggConfig#groupThreshold}); a group below {@link SecAggConfig#MIN_GROUP} aborts.
     */
    public PeerKeys closeAdvertise() throws SecAggAbortedException {
        expect(Stage.ADVERTISE);
        if (advertised.size() < SecAggConfig.MIN_GROUP) {
            stage = Stage.DONE;
            throw new SecAggAbortedException("only " + advertised.size() + " clients advertised keys; secure "
                    + "aggregation needs a group of at least " + SecAggConfig.MIN_GROUP);
        }
        threshold = config.groupThreshold(advertised.size());
        requireAtLeastThreshold(advertised.size(), "advertised keys");
        stage = Stage.SHARE;
        return new PeerKeys(advertised);
    }

    public void onShareKeys(ShareKeys msg) {
        expect(Stage.SHARE);
        int u = msg.client();
        if (!advertised.containsKey(u) || !sharers.add(u)) {
            throw new IllegalArgumentException("client " + u + " did not advertise or already sent shares");
        }
        for (EncryptedShare s : msg.shares()) {
            if (!advertised.containsKey(s.to()) || !graph.adjacent(u, s.to())) {
                throw new IllegalArgumentException("client " + u + " sent a share to non-neighbour " + s.to());
            }
            inbox.computeIfAbsent(s.to(), k -> new ArrayList<>()).add(s);
        }
    }

    /** Ends stage 1 with the clients that shared (U2); returns what to relay to each of them. */
    public Map<Integer, RelayedShares> closeShareKeys() throws SecAggAbortedException {
        expect(Stage.SHARE);
        requireAtLeastThreshold(sharers.size(), "sent key shares");
        Map<Integer, RelayedShares> out = new TreeMap<>();
        for (int u : sharers) {
            List<EncryptedShare> mine = new ArrayList<>();
            for (EncryptedShare s : inbox.getOrDefault(u, List.of())) {
                if (sharers.contains(s.from())) {
                    mine.add(s);
                }
            }
            out.put(u, new RelayedShares(u, mine));
        }
        inbox.clear();
        stage = Stage.MASK;
        return out;
    }

    /** Folds a masked input into the running sum; the vector is not kept. */
    public void onMaskedInput(MaskedInput msg) {
        expect(Stage.MASK);
        int u = msg.client();
        if (!sharers.contains(u) || survivors.contains(u)) {
            throw new IllegalArgumentException("client " + u + " did not share keys or already sent input");
        }
        int[] y = msg.masked();
        if (y.length != sum.length) {
            throw new IllegalArgumentException("masked input of client " + u + " has " + y.length
                    + " words, expected " + sum.length);
        }
        for (int i = 0; i < y.length; i++) {
            sum[i] += y[i];
        }
        survivors.add(u);
    }

    /** Ends stage 2 with the clients whose masked input arrived (U3). */
    public UnmaskRequest closeMaskedInput() throws SecAggAbortedException {
        expect(Stage.MASK);
        requireAtLeastThreshold(survivors.size(), "sent masked input");
        stage = Stage.UNMASK;
        return new UnmaskRequest(survivors);
    }

    public void onUnmaskResponse(UnmaskResponse msg) {
        expect(Stage.UNMASK);
        int u = msg.client();
        if (!survivors.contains(u) || responses.containsKey(u)) {
            throw new IllegalArgumentException("client " + u + " is not a survivor or already answered");
        }
        for (Integer v : msg.keyShares().keySet()) {
            if (survivors.contains(v)) {
                throw new IllegalArgumentException("client " + u + " revealed a mask key of survivor " + v);
            }
        }
        responses.put(u, msg);
    }

    /** Removes the masks and decodes the sum; aborts if some secret has fewer than threshold shares. */
    public SecAggResult finish() throws SecAggAbortedException {
        expect(Stage.UNMASK);
        stage = Stage.DONE;
        requireAtLeastThreshold(responses.size(), "answered the unmasking request");
        try {
            for (int v : survivors) {
                SecretBytes seed = reconstruct(v, true);
                prg.addMaskInPlace(SecAggKeys.selfMaskSeed(seed, session), sum, -1);
            }
            for (int v : sharers) {
                if (survivors.contains(v)) {
                    continue;
                }
                X25519PrivateKey key = SecAggKeys.maskKey(reconstruct(v, false));
                for (int u : survivors) {
                    if (graph.adjacent(u, v)) {
                        SecretBytes seed = SecAggKeys.pairSeed(key, advertised.get(u).maskKey(), session, v, u);
                        prg.addMaskInPlace(seed, sum, u < v ? -1 : 1);
                    }
                }
            }
        } catch (GeneralSecurityException e) {
            throw new SecAggAbortedException("unmasking failed: " + e.getMessage());
        }
        float[] weighted = new float[config.vectorLength()];
        long total = Quantizer.decode(config, sum, weighted);
        return new SecAggResult(weighted, total, survivors.size());
    }

    private SecretBytes reconstruct(int v, boolean selfSeed) throws SecAggAbortedException {
        List<Share> shares = new ArrayList<>();
        for (UnmaskResponse r : responses.values()) {
            Share s = selfSeed ? r.seedShares().get(v) : r.keyShares().get(v);
            if (s != null) {
                shares.add(s);
            }
        }
        if (shares.size() < threshold) {
            throw new SecAggAbortedException("only " + shares.size() + " shares of client " + v + "'s "
                    + (selfSeed ? "self-mask seed" : "mask key") + " arrived, threshold is " + threshold);
        }
        try {
            return sharer.combine(shares, threshold);
        } catch (IllegalArgumentException e) {
            throw new SecAggAbortedException("shares of client " + v + " are inconsistent: " + e.getMessage());
        }
    }

    private void requireAtLeastThreshold(int count, String what) throws SecAggAbortedException {
        if (count < threshold) {
            stage = Stage.DONE;
            throw new SecAggAbortedException("only " + count + " clients " + what + ", threshold is "
                    + threshold);
        }
    }

    private void checkId(int client) {
        if (client < 0 || client >= config.cohortSize()) {
            throw new IllegalArgumentException("client id " + client + " outside 0.." + (config.cohortSize() - 1));
        }
    }

    private void expect(Stage s) {
        if (stage != s) {
            throw new IllegalStateException("server is at stage " + stage + ", expected " + s);
        }
    }
}
