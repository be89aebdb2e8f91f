package io.flotilla.crypto.secagg;

import io.flotilla.crypto.AesGcmAead;
import io.flotilla.crypto.SecretBytes;
import io.flotilla.crypto.X25519PrivateKey;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * One client's side of a secure aggregation session, as a state machine driven in stage order:
 * {@link #advertise}, {@link #shareKeys}, {@link #maskInput}, {@link #unmask}. Calling a stage out of order is an
 * {@link IllegalStateException}. The client refuses to unmask when fewer than the threshold of its share holders
 * survived, and never reveals both shares of one peer. Not thread-safe.
 */
public final class SecAggClient {
    private enum Stage { NEW, ADVERTISED, SHARED, MASKED, DONE }

    private final SecAggConfig config;
    private final long session;
    private final int id;
    private final SecureRandom random;
    private final MaskGenerator prg;
    private final NeighbourGraph graph;
    private final SecretSharer sharer = new ShamirSecretSharer();
    private Stage stage = Stage.NEW;
    private X25519PrivateKey cipherKey;
    private SecretBytes keySeed;
    private X25519PrivateKey maskKey;
    private SecretBytes selfSeed;
    private PeerKeys peers;
    private Share ownKeyShare;
    private Share ownSeedShare;
    private final Map<Integer, Share> peerKeyShares = new HashMap<>();
    private final Map<Integer, Share> peerSeedShares = new HashMap<>();
    private int clipped;
    /** The threshold of this client's group, fixed in stage 1 ({@link SecAggConfig#groupThreshold}). */
    private int threshold;

    public SecAggClient(SecAggConfig config, long session, int id, SecureRandom random, MaskGenerator prg) {
        if (id < 0 || id >= config.cohortSize()) {
            throw new IllegalArgumentException("client id " + id + " outside 0.." + (config.cohortSize() - 1));
        }
        this.config = config;
        this.session = session;
        this.id = id;
        this.random = random;
        this.prg = prg;
        this.graph = NeighbourGraph.of(config);
    }

    /** Stage 0: fresh key pairs for this session. */
    public AdvertiseKeys advertise() {
        expect(Stage.NEW);
        cipherKey = X25519PrivateKey.generate(random);
        keySeed = SecretBytes.random(ShamirSecretSharer.SECRET_SIZE, random);
        maskKey = SecAggKeys.maskKey(keySeed);
        selfSeed = SecretBytes.random(ShamirSecretSharer.SECRET_SIZE, random);
        stage = Stage.ADVERTISED;
        return new AdvertiseKeys(id, cipherKey.publicKey(), maskKey.publicKey());
    }

    /** Stage 1: t-of-m shares of the mask key seed and the self-mask seed, encrypted to each share holder. */
    public ShareKeys shareKeys(PeerKeys keys) throws GeneralSecurityException, SecAggAbortedException {
        expect(Stage.ADVERTISED);
        AdvertiseKeys mine = keys.keys().get(id);
        if (mine == null || !mine.cipherKey().equals(cipherKey.publicKey())
                || !mine.maskKey().equals(maskKey.publicKey())) {
            throw new GeneralSecurityException("the key list does not carry this client's own keys");
        }
        TreeSet<Integer> holders = new TreeSet<>();
        holders.add(id);
        for (int v : graph.peers(id)) {
            if (keys.keys().containsKey(v)) {
                holders.add(v);
            }
        }
        // The holders are the group as this client sees it (with the complete graph, every client that advertised):
        // the threshold is taken of it, always more than half of the holders, whatever the server claims.
        if (holders.size() < SecAggConfig.MIN_GROUP) {
            stage = Stage.DONE;
            throw new SecAggAbortedException("client " + id + " has " + holders.size() + " share holders; secure "
                    + "aggregation needs a group of at least " + SecAggConfig.MIN_GROUP);
        }
        threshold = config.groupThreshold(holders.size());
        if (holders.size() < threshold) {
            stage = Stage.DONE;
            throw new SecAggAbortedException("client " + id + " has " + holders.size() + " share holders left, "
                    + "threshold is " + threshold);
        }
        int[] xs = new int[holders.size()];
        int i = 0;
        for (int v : holders) {
            xs[i++] = v + 1;
        }
        List<Share> keyShares = sharer.split(keySeed, xs, threshold, random);
        List<Share> seedShares = sharer.split(selfSeed, xs, threshold, random);
        List<EncryptedShare> out = new ArrayList<>(xs.length - 1);
        for (int j = 0; j < xs.length; j++) {
            int v = xs[j] - 1;
            if (v == id) {
                ownKeyShare = keyShares.get(j);
                ownSeedShare = seedShares.get(j);
                continue;
            }
            byte[] plain = new byte[2 * ShamirSecretSharer.SHARE_SIZE];
            System.arraycopy(keyShares.get(j).y(), 0, plain, 0, ShamirSecretSharer.SHARE_SIZE);
            System.arraycopy(seedShares.get(j).y(), 0, plain, ShamirSecretSharer.SHARE_SIZE,
                    ShamirSecretSharer.SHARE_SIZE);
            AesGcmAead channel = new AesGcmAead(
                    SecAggKeys.channelKey(cipherKey, keys.keys().get(v).cipherKey(), session, id, v), random);
            out.add(new EncryptedShare(id, v, channel.encrypt(plain, SecAggKeys.shareAd(session, id, v))));
        }
        peers = keys;
        stage = Stage.SHARED;
        return new ShareKeys(id, out);
    }

    /**
     * Stage 2: decrypts the shares held for peers, then masks the clipped, weighted, quantised {@code delta}.
     * The peers whose shares arrived are the ones masked with.
     */
    public MaskedInput maskInput(RelayedShares relayed, float[] delta, long weight) throws GeneralSecurityException {
        expect(Stage.SHARED);
        if (relayed.to() != id) {
            throw new IllegalArgumentException("shares for client " + relayed.to() + " given to client " + id);
        }
        for (EncryptedShare s : relayed.shares()) {
            int v = s.from();
            AdvertiseKeys theirs = peers.keys().get(v);
            if (theirs == null || !graph.adjacent(id, v) || peerKeyShares.containsKey(v)) {
                throw new GeneralSecurityException("unexpected share from client " + v);
            }
            AesGcmAead channel = new AesGcmAead(
                    SecAggKeys.channelKey(cipherKey, theirs.cipherKey(), session, v, id), random);
            byte[] plain = channel.decrypt(s.ciphertext(), SecAggKeys.shareAd(session, v, id));
            if (plain.length != 2 * ShamirSecretSharer.SHARE_SIZE) {
                throw new GeneralSecurityException("share from client " + v + " has " + plain.length + " bytes");
            }
            peerKeyShares.put(v, new Share(id + 1, java.util.Arrays.copyOf(plain, ShamirSecretSharer.SHARE_SIZE)));
            peerSeedShares.put(v, new Share(id + 1, java.util.Arrays.copyOfRange(plain,
                    ShamirSecretSharer.SHARE_SIZE, plain.length)));
        }
        int[] y = new int[config.vectorLength() + 1];
        clipped = Quantizer.encode(config, delta, weight, y);
        prg.addMaskInPlace(SecAggKeys.selfMaskSeed(selfSeed, session), y, 1);
        for (int v : peerKeyShares.keySet()) {
            SecretBytes seed = SecAggKeys.pairSeed(maskKey, peers.keys().get(v).maskKey(), session, id, v);
            prg.addMaskInPlace(seed, y, id < v ? 1 : -1);
        }
        stage = Stage.MASKED;
        return new MaskedInput(id, y);
    }

    /** Stage 3: self-mask seed shares of surviving peers, mask key shares of peers that dropped. */
    public UnmaskResponse unmask(UnmaskRequest request) throws SecAggAbortedException {
        expect(Stage.MASKED);
        stage = Stage.DONE;
        int alive = request.survivors().contains(id) ? 1 : 0;
        for (int v : peerKeyShares.keySet()) {
            if (request.survivors().contains(v)) {
                alive++;
            }
        }
        if (alive < threshold) {
            throw new SecAggAbortedException("only " + alive + " of client " + id + "'s share holders survived, "
                    + "threshold is " + threshold + ": refusing to unmask");
        }
        Map<Integer, Share> seeds = new HashMap<>();
        Map<Integer, Share> keys = new HashMap<>();
        seeds.put(id, ownSeedShare);
        for (int v : peerKeyShares.keySet()) {
            if (request.survivors().contains(v)) {
                seeds.put(v, peerSeedShares.get(v));
            } else {
                keys.put(v, peerKeyShares.get(v));
            }
        }
        return new UnmaskResponse(id, seeds, keys);
    }

    /** How many values of the last input were clipped to the range. */
    public int clippedCount() {
        return clipped;
    }

    /** True when more than the configured share of the last input's values were clipped. */
    public boolean clippingWarning() {
        return clipped > config.clipWarnFraction() * config.vectorLength();
    }

    private void expect(Stage s) {
        if (stage != s) {
            throw new IllegalStateException("client " + id + " is at stage " + stage + ", expected " + s);
        }
    }
}
