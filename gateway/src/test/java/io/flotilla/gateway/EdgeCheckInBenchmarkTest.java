package io.flotilla.gateway;

import akka.actor.typed.ActorSystem;
import io.flotilla.crypto.pki.FederationCa;
import io.flotilla.crypto.pki.KeyDirectory;
import io.flotilla.crypto.pki.NodeRole;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Check-ins per second through one gateway over TLS 1.3 with keep-alive, and their latency: {@code CLIENTS}
 * enrolled clients, each on its own connection, check in back to back for the measured window after a warm-up.
 * The load generator runs in the same JVM on loopback, so the figures are a floor for the gateway alone. Run with
 * {@code -Dflotilla.bench=true}; results go to stdout and {@code target/edge-check-ins.txt}.
 */
@EnabledIfSystemProperty(named = "flotilla.bench", matches = "true")
class EdgeCheckInBenchmarkTest {
    private static final int CLIENTS = 16;
    private static final long WARM_UP_MS = 5_000;
    private static final long WINDOW_MS = 15_000;

    @TempDir
    Path keysDir;

    @Test
    void checkInsPerSecondAndLatency() throws Exception {
        KeyDirectory keys = new KeyDirectory(keysDir);
        FederationCa ca = FederationCa.init(keys, "edge-bench", new SecureRandom());
        ca.issue(NodeRole.GATEWAY, "localhost");
        for (int i = 0; i < CLIENTS; i++) {
            ca.issue(NodeRole.CLIENT, "bench-" + i);
        }
        ActorSystem<Void> system = EdgeNodes.gatewaySystem(keysDir, "localhost",
                "flotilla.gateway.limits { rate = 1000000, burst = 1000000 }\n");
        try {
            Gateway gateway = Gateway.start(system, EdgeNodes.settings(system)).toCompletableFuture()
                    .get(60, TimeUnit.SECONDS);
            int port = gateway.address().getPort();
            String body = EdgeHttp.checkInJson("mnist-2nn", 600, true);
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
            long start = System.nanoTime();
            long measureFrom = start + WARM_UP_MS * 1_000_000;
            long end = measureFrom + WINDOW_MS * 1_000_000;
            List<Future<long[]>> results = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                EdgeHttp c = EdgeHttp.as(keys, "bench-" + i, keys, port);
                results.add(pool.submit(() -> {
                    long[] lat = new long[1 << 20];
                    int n = 0;
                    while (true) {
                        long t0 = System.nanoTime();
                        if (t0 >= end) {
                            return Arrays.copyOf(lat, n);
                        }
                        HttpResponse<String> r = c.post("/v1/check-in", body);
                        long t1 = System.nanoTime();
                        if (r.statusCode() != 200) {
                            throw new AssertionError(r.statusCode() + " " + r.body());
                        }
                        if (t0 >= measureFrom && n < lat.length) {
                            lat[n++] = t1 - t0;
                        }
                    }
                }));
            }
            List<long[]> all = new ArrayList<>();
            for (Future<long[]> f : results) {
                all.add(f.get());
            }
            pool.shutdown();
            long[] lat = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
            double perSecond = lat.length / (WINDOW_MS / 1000.0);
            String line = String.format(Locale.ROOT, "check-ins over TLS 1.3 keep-alive, %d clients: %.0f/s, "
                    + "p50 %.2f ms, p99 %.2f ms, max %.2f ms (%d requests in %d s)", CLIENTS, perSecond,
                    lat[lat.length / 2] / 1e6, lat[(int) (lat.length * 0.99)] / 1e6, lat[lat.length - 1] / 1e6,
                    lat.length, WINDOW_MS / 1000);
            System.out.println(line);
            Files.writeString(Path.of("target", "edge-check-ins.txt"), line + "\n");
        } finally {
            EdgeNodes.terminate(List.of(system));
        }
    }
}
