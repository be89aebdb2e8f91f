package io.flotilla.crypto.secagg;

import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Drives n real clients and one server through the four stages in one thread, with chosen dropouts. */
final class SecAggHarness {
    enum Drop { NONE, BEFORE_ADVERTISE, DURING_SHARING, BEFORE_MASKED_INPUT, AFTER_MASKED_INPUT }

    final SecAggConfig config;
    final float[][] deltas;
    final long[] weights;
    final Drop[] drops;
    long bytesUp;
    long bytesDown;

    SecAggHarness(SecAggConfig config, float[][] deltas, long[] weights, Drop[] drops) {
        this.config = config;
        this.deltas = deltas;
        this.weights = weights;
        this.drops = drops;
    }

    static SecureRandom seeded(long seed) {
        try {
            SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
            r.setSeed(seed);
            return r;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    SecAggResult run(long seed) throws GeneralSecurityException, SecAggAbortedException {
        int n = config.cohortSize();
        SecAggServer server = new SecAggServer(config, 77, new AesCtrMaskGenerator());
        List<SecAggClient> clients = new ArrayList<>();
        AesCtrMaskGenerator prg = new AesCtrMaskGenerator();
        for (int u = 0; u < n; u++) {
            clients.add(new SecAggClient(config, 77, u, seeded(seed * 1000 + u), prg));
        }
        for (int u = 0; u < n; u++) {
            if (drops[u] != Drop.BEFORE_ADVERTISE) {
                AdvertiseKeys a = clients.get(u).advertise();
                bytesUp += a.wireBytes();
                server.onAdvertise(a);
            }
        }
        PeerKeys keys = server.closeAdvertise();
        for (int u = 0; u < n; u++) {
            if (drops[u] == Drop.NONE || drops[u].compareTo(Drop.DURING_SHARING) > 0) {
                bytesDown += keys.wireBytes();
                ShareKeys s = clients.get(u).shareKeys(keys);
                bytesUp += s.wireBytes();
                server.onShareKeys(s);
            }
        }
        Map<Integer, RelayedShares> relayed = server.closeShareKeys();
        for (Map.Entry<Integer, RelayedShares> e : relayed.entrySet()) {
            int u = e.getKey();
            if (drops[u] == Drop.NONE || drops[u] == Drop.AFTER_MASKED_INPUT) {
                bytesDown += e.getValue().wireBytes();
                MaskedInput m = clients.get(u).maskInput(e.getValue(), deltas[u], weights[u]);
                bytesUp += m.wireBytes();
                server.onMaskedInput(m);
            }
        }
        UnmaskRequest request = server.closeMaskedInput();
        for (int u : request.survivors()) {
            if (drops[u] == Drop.NONE) {
                bytesDown += request.wireBytes();
                UnmaskResponse r;
                try {
                    r = clients.get(u).unmask(request);
                } catch (SecAggAbortedException declined) {
                    continue; // a client with too few surviving neighbours stays silent; the server may still finish
                }
                bytesUp += r.wireBytes();
                server.onUnmaskResponse(r);
            }
        }
        return server.finish();
    }

    /** The plaintext reference: sum over clients that sent masked input of weight x clipped delta. */
    double[] expectedWeightedSum(Set<Integer> contributors) {
        double[] s = new double[config.vectorLength()];
        double c = config.clipRange();
        for (int u : contributors) {
            for (int i = 0; i < s.length; i++) {
                s[i] += weights[u] * Math.max(-c, Math.min(c, deltas[u][i]));
            }
        }
        return s;
    }
}
