package io.flotilla.bench;

import io.flotilla.crypto.secagg.AdvertiseKeys;
import io.flotilla.crypto.secagg.AesCtrMaskGenerator;
import io.flotilla.crypto.secagg.MaskedInput;
import io.flotilla.crypto.secagg.PeerKeys;
import io.flotilla.crypto.secagg.RelayedShares;
import io.flotilla.crypto.secagg.SecAggAbortedException;
import io.flotilla.crypto.secagg.SecAggClient;
import io.flotilla.crypto.secagg.SecAggConfig;
import io.flotilla.crypto.secagg.SecAggResult;
import io.flotilla.crypto.secagg.SecAggServer;
import io.flotilla.crypto.secagg.ShareKeys;
import io.flotilla.crypto.secagg.UnmaskRequest;
import io.flotilla.crypto.secagg.UnmaskResponse;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One secure aggregation session with every client in this thread, timing client and server work separately and
 * counting payload bytes per client. A fraction of clients drops after sharing keys, before sending masked input
 * (the costly case for the server, which must regenerate their pairwise masks).
 */
final class SecAggSession {
    /** Measured cost: client figures are means per client over all clients that took part in a stage. */
    record Stats(int clients, int survivors, double clientMillis, double serverMillis, double upBytesPerClient,
                 double downBytesPerClient, long plaintextBytes) {
        double expansion() {
            return upBytesPerClient / plaintextBytes;
        }
    }

    private SecAggSession() {
    }

    static Stats run(SecAggConfig config, double dropFraction, long seed)
            throws GeneralSecurityException, SecAggAbortedException {
        int n = config.cohortSize();
        int d = config.vectorLength();
        SplittableRandom rnd = new SplittableRandom(seed);
        boolean[] drops = new boolean[n];
        for (int placed = 0; placed < Math.round(dropFraction * n); ) {
            int u = rnd.nextInt(n);
            if (!drops[u]) {
                drops[u] = true;
                placed++;
            }
        }
        SecureRandom random = new SecureRandom();
        AesCtrMaskGenerator prg = new AesCtrMaskGenerator();
        SecAggServer server = new SecAggServer(config, seed, new AesCtrMaskGenerator());
        SecAggClient[] clients = new SecAggClient[n];
        long clientNs = 0;
        long serverNs = 0;
        long up = 0;
        long down = 0;
        for (int u = 0; u < n; u++) {
            long t = System.nanoTime();
            clients[u] = new SecAggClient(config, seed, u, random, prg);
            AdvertiseKeys a = clients[u].advertise();
            long t1 = System.nanoTime();
            server.onAdvertise(a);
            long t2 = System.nanoTime();
            clientNs += t1 - t;
            serverNs += t2 - t1;
            up += a.wireBytes();
        }
        long t = System.nanoTime();
        PeerKeys keys = server.closeAdvertise();
        serverNs += System.nanoTime() - t;
        for (int u = 0; u < n; u++) {
            down += keys.wireBytes();
            long t0 = System.nanoTime();
            ShareKeys s = clients[u].shareKeys(keys);
            long t1 = System.nanoTime();
            server.onShareKeys(s);
            serverNs += System.nanoTime() - t1;
            clientNs += t1 - t0;
            up += s.wireBytes();
        }
        t = System.nanoTime();
        Map<Integer, RelayedShares> relayed = server.closeShareKeys();
        serverNs += System.nanoTime() - t;
        float[] delta = new float[d];
        for (int u = 0; u < n; u++) {
            down += relayed.get(u).wireBytes();
            if (drops[u]) {
                continue;
            }
            for (int i = 0; i < d; i++) {
                delta[i] = (float) ((rnd.nextDouble() - 0.5) * 0.1);
            }
            long t0 = System.nanoTime();
            MaskedInput m = clients[u].maskInput(relayed.get(u), delta, 1 + rnd.nextInt(999));
            long t1 = System.nanoTime();
            server.onMaskedInput(m);
            serverNs += System.nanoTime() - t1;
            clientNs += t1 - t0;
            up += m.wireBytes();
        }
        t = System.nanoTime();
        UnmaskRequest request = server.closeMaskedInput();
        serverNs += System.nanoTime() - t;
        for (int u : request.survivors()) {
            down += request.wireBytes();
            long t0 = System.nanoTime();
            UnmaskResponse r;
            try {
                r = clients[u].unmask(request);
            } catch (SecAggAbortedException declined) {
                continue;
            }
            long t1 = System.nanoTime();
            server.onUnmaskResponse(r);
            serverNs += System.nanoTime() - t1;
            clientNs += t1 - t0;
            up += r.wireBytes();
        }
        t = System.nanoTime();
        SecAggResult result = server.finish();
        serverNs += System.nanoTime() - t;
        return new Stats(n, result.survivors(), clientNs / 1e6 / n, serverNs / 1e6, (double) up / n,
                (double) down / n, 4L * d);
    }
}
