package io.flotilla.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import akka.actor.typed.ActorSystem;
import io.flotilla.crypto.pki.FederationCa;
import io.flotilla.crypto.pki.KeyDirectory;
import io.flotilla.crypto.pki.NodeRole;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every fresh TLS 1.3 connection with a client certificate gets its first request answered: the first application
 * bytes of a client often arrive in the same segment as its Finished message, right after the certificate check.
 */
class EdgeTlsTest {
    @TempDir
    static Path keysDir;

    private static ActorSystem<Void> system;
    private static Gateway gateway;
    private static KeyDirectory keys;

    @BeforeAll
    static void start() throws Exception {
        keys = new KeyDirectory(keysDir);
        FederationCa ca = FederationCa.init(keys, "edge-test", new SecureRandom());
        ca.issue(NodeRole.GATEWAY, "localhost");
        ca.issue(NodeRole.CLIENT, "client-0");
        system = EdgeNodes.gatewaySystem(keysDir, "localhost", "flotilla.gateway.limits.idle-timeout = 20s\n");
        gateway = Gateway.start(system, EdgeNodes.settings(system)).toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() {
        EdgeNodes.terminate(List.of(system));
    }

    @Test
    void everyFreshConnectionGetsItsFirstRequestAnswered() throws Exception {
        for (int i = 0; i < 40; i++) {
            EdgeHttp c = EdgeHttp.as(keys, "client-0", keys, gateway.address().getPort());
            long t0 = System.nanoTime();
            HttpResponse<String> r = c.post("/v1/check-in", EdgeHttp.checkInJson("logreg", 1, false));
            System.out.println("connection " + i + ": " + r.statusCode() + " in "
                    + (System.nanoTime() - t0) / 1_000_000 + " ms");
            assertEquals(200, r.statusCode(), r.body());
        }
    }
}
