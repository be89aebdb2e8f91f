package io.flotilla.gateway;

import static io.flotilla.gateway.EdgeRoundTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.typed.ActorSystem;
import io.flotilla.crypto.pki.FederationCa;
import io.flotilla.crypto.pki.KeyDirectory;
import io.flotilla.crypto.pki.NodeRole;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who gets in at the edge and what bad input gets back, against a real gateway over real TLS 1.3 on loopback:
 * no certificate or another CA's fails the handshake; a certificate of another role, an unenrolled client and a
 * client revoked after the gateway started get 403; malformed, oversized and misdirected requests get the
 * documented JSON error and are counted.
 */
class EdgeAccessTest {
    private static final String UPLOAD = "/v1/uploads/u-" + "0".repeat(32);

    @TempDir
    static Path keysDir;

    @TempDir
    static Path strangerDir;

    private static KeyDirectory keys;
    private static FederationCa ca;
    private static ActorSystem<Void> system;
    private static Gateway gateway;

    @BeforeAll
    static void start() throws Exception {
        keys = new KeyDirectory(keysDir);
        ca = FederationCa.init(keys, "edge-test", new SecureRandom());
        ca.issue(NodeRole.GATEWAY, "localhost");
        ca.issue(NodeRole.COORDINATOR, "coordinator");
        for (String c : List.of("client-0", "client-revoked", "client-unenrolled", "client-limited")) {
            ca.issue(NodeRole.CLIENT, c);
        }
        Files.delete(keys.identityPublicKey("client-unenrolled"));
        FederationCa.init(new KeyDirectory(strangerDir), "edge-test", new SecureRandom())
                .issue(NodeRole.CLIENT, "client-0");
        system = EdgeNodes.gatewaySystem(keysDir, "localhost", "flotilla.gateway.reload-interval = 200ms\n"
                + "flotilla.gateway.limits { rate = 0.5, burst = 30 }\n");
        EdgeNodes.join(system, system);
        gateway = Gateway.start(system, EdgeNodes.settings(system)).toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() {
        EdgeNodes.terminate(List.of(system));
    }

    private static int port() {
        return gateway.address().getPort();
    }

    private static EdgeHttp as(String name) throws Exception {
        return EdgeHttp.as(keys, name, keys, port());
    }

    private static HttpResponse<String> checkIn(EdgeHttp c) throws Exception {
        return c.post("/v1/check-in", EdgeHttp.checkInJson("logreg", 10, true));
    }

    @Test
    void noCertificateOrAnotherCasCertificateFailsTheHandshake() throws Exception {
        EdgeHttp anonymous = EdgeHttp.anonymous(keys, port());
        assertThrows(IOException.class, () -> checkIn(anonymous));
        EdgeHttp stranger = EdgeHttp.as(new KeyDirectory(strangerDir), "client-0", keys, port());
        assertThrows(IOException.class, () -> checkIn(stranger));
    }

    @Test
    void aCertificateOfAnotherRoleIsNotAClient() throws Exception {
        EdgeHttp coordinator = as("coordinator");
        assertError(checkIn(coordinator), 403, "wrong_role");
        // The operator's status page answers any certificate of the federation.
        HttpResponse<String> status = coordinator.get("/v1/status");
        assertEquals(200, status.statusCode(), status.body());
        assertTrue(TestJson.number(status.body(), "error.wrong_role") >= 1, status.body());
    }

    @Test
    void anUnenrolledClientIsRefusedAndNeverRepresented() throws Exception {
        EdgeHttp coordinator = as("coordinator");
        long before = TestJson.number(coordinator.get("/v1/status").body(), "clients");
        assertError(checkIn(as("client-unenrolled")), 403, "not_enrolled");
        assertEquals(before, TestJson.number(coordinator.get("/v1/status").body(), "clients"));
    }

    @Test
    void aClientRevokedAfterStartIsRefusedWithoutARestart() throws Exception {
        EdgeHttp c = as("client-revoked");
        assertEquals(200, checkIn(c).statusCode());
        ca.revoke("client-revoked");
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        HttpResponse<String> r = checkIn(c);
        // The gateway re-reads the list on its own timer; the same keep-alive connection is refused once it has.
        while (r.statusCode() != 403 && System.nanoTime() < end) {
            TimeUnit.MILLISECONDS.sleep(100);
            r = checkIn(c);
        }
        assertError(r, 403, "revoked");
        assertEquals(200, checkIn(as("client-0")).statusCode(), "others are not affected");
        assertTrue(gateway.counters().get("error.revoked") >= 1);
    }

    @Test
    void badInputGetsTheDocumentedErrorAndIsCounted() throws Exception {
        EdgeHttp c = as("client-0");
        assertError(c.post("/v1/check-in", "{not json"), 400, "bad_json");
        assertError(c.post("/v1/check-in", "{\"sdk\": \"x\"}"), 400, "bad_request");
        assertError(c.post("/v1/check-in", "{\"pad\": \"" + "x".repeat(20_000) + "\"}"), 413, "too_large");
        assertError(c.get("/v1/check-in"), 405, "method_not_allowed");
        assertError(c.get("/v1/nowhere"), 404, "not_found");
        assertError(c.get(UPLOAD), 404, "unknown_upload");
        assertError(c.get("/v1/uploads/..%2F..%2Fetc"), 404, "unknown_upload");
        assertError(c.send(c.request(UPLOAD).method("PATCH", HttpRequest.BodyPublishers.ofString("x")).build()),
                400, "bad_offset");
        assertError(c.send(c.request(UPLOAD).header("Upload-Offset", "-5")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("x")).build()), 400, "bad_offset");
        assertError(c.send(c.request(UPLOAD).header("Upload-Offset", "0")
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(new byte[2 * 1024 * 1024])).build()),
                413, "too_large");
        assertError(c.post("/v1/rounds/1/uploads", "{\"size\": 10, \"sha256\": \"" + "a".repeat(64)
                + "\", \"examples\": 1}"), 404, "no_task");
        assertError(c.post("/v1/rounds/0/uploads", "{}"), 400, "bad_request");
        assertError(c.get("/v1/rounds/3/result"), 404, "no_result");
        assertError(c.get("/v1/blobs/" + "b".repeat(64)), 404, "blob_not_found");
        assertError(c.get("/v1/blobs/nothex"), 404, "blob_not_found");
        assertError(c.post("/v1/rounds/1/secagg/advertise", "{}"), 501, "not_implemented");
        assertError(c.get("/v1/evaluations"), 501, "not_implemented");
        for (String code : List.of("bad_json", "bad_request", "too_large", "unknown_upload", "bad_offset",
                "no_task", "not_implemented")) {
            assertTrue(gateway.counters().get("error." + code) >= 1, code);
        }
    }

    @Test
    void aClientOverItsRateIsToldToComeBack() throws Exception {
        EdgeHttp c = as("client-limited");
        HttpResponse<String> r = checkIn(c);
        for (int i = 0; i < 40 && r.statusCode() != 429; i++) {
            r = checkIn(c);
        }
        assertError(r, 429, "rate_limited");
        assertTrue(r.headers().firstValue("Retry-After").isPresent(), r.headers().toString());
    }
}
