package io.flotilla.gateway;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.Behaviors;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.flotilla.aggregation.FedAvg;
import io.flotilla.coordinator.CoordinatorConfig;
import io.flotilla.coordinator.CoordinatorNode;
import io.flotilla.coordinator.CoordinatorResources;
import io.flotilla.coordinator.RoundMetrics;
import io.flotilla.crypto.SegmentedAeadParameters;
import io.flotilla.crypto.pki.FederationCa;
import io.flotilla.crypto.pki.IdentityKeys;
import io.flotilla.crypto.pki.IdentityCertificates;
import io.flotilla.crypto.pki.KeyDirectory;
import io.flotilla.crypto.pki.NodeRole;
import io.flotilla.gateway.edge.EdgeCounters;
import io.flotilla.model.ParameterSet;
import io.flotilla.model.encoding.GlobalModelBlob;
import io.flotilla.nn.ModelSpec;
import io.flotilla.nn.ModelZoo;
import io.flotilla.node.ClusterSetup;
import io.flotilla.node.RoundTermsSetup;
import io.flotilla.wire.SecurityMode;
import io.flotilla.wire.seal.ProtectionSetup;
import io.flotilla.wire.update.EnvelopeUpdateSealer;
import io.flotilla.wire.update.SealContext;
import io.flotilla.wire.update.UpdatePayload;
import io.flotilla.wire.transfer.ClusterBlobExchange;
import io.flotilla.wire.terms.RoundTerms;
import io.flotilla.wire.terms.RoundTermsVerifier;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real round through the edge: a coordinator and a gateway as two cluster nodes over mutual TLS on loopback,
 * and two clients that speak only HTTPS to the gateway (the JDK's HttpClient, TLS 1.3, certificates of the
 * federation CA). They check in, download the model by hash (one with a resumed Range download), seal a delta to
 * the round key with their enrolled identity keys, upload it in chunks (one resumes after an interrupted chunk),
 * and the coordinator folds both updates: the next round's model is the first plus the delta.
 */
class EdgeRoundTest {
    private static final ModelSpec SPEC = ModelZoo.spec("logreg");
    private static final float DELTA = 0.01f;
    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    static Path keys;

    @TempDir
    Path dir;

    private final List<ActorSystem<?>> systems = new ArrayList<>();

    @BeforeAll
    static void issueKeys() throws Exception {
        FederationCa ca = FederationCa.init(new KeyDirectory(keys), "edge-test", new SecureRandom());
        ca.issue(NodeRole.COORDINATOR, "coordinator");
        // Issued to the name clients dial, so that they verify the gateway's host name as any HTTPS client does.
        ca.issue(NodeRole.GATEWAY, "localhost");
        ca.issue(NodeRole.CLIENT, "client-0");
        ca.issue(NodeRole.CLIENT, "client-1");
    }

    @AfterEach
    void shutdown() {
        EdgeNodes.terminate(systems);
    }

    private ActorSystem<Void> coordinator(BlockingQueue<RoundMetrics> out) {
        return coordinator(out, 2, "60s");
    }

    private ActorSystem<Void> coordinator(BlockingQueue<RoundMetrics> out, int clients, String roundTimeout) {
        Config config = EdgeNodes.nodeConfig(keys, "coordinator", "coordinator", "");
        CoordinatorConfig cfg = CoordinatorConfig.from(ConfigFactory.parseString("flotilla { rounds = 2, "
                + "model = logreg, min_available_clients = " + clients + ", min_fit_clients = " + clients
                + ", round_timeout = " + roundTimeout + ", "
                + "evaluation.centralized = false, local { lr = 0.1, batch_size = 32 }, checkpoint.dir = \""
                + dir.resolve("ckpt") + "\", metrics.file = \"" + dir.resolve("rounds.jsonl") + "\" }")
                .withFallback(ConfigFactory.load()).resolve());
        ActorSystem<Void> system = ActorSystem.create(Behaviors.setup(ctx -> {
            ActorRef<RoundMetrics> listener = ctx.spawn(Behaviors.<RoundMetrics>receiveMessage(m -> {
                out.add(m);
                return Behaviors.same();
            }), "metrics");
            return CoordinatorNode.create(cfg, blobs -> new CoordinatorResources(SPEC.initialize(cfg.seed()),
                    new FedAvg(), blobs, ProtectionSetup.coordinator(config, SecurityMode.ENVELOPE), null, null,
                    listener, RoundTermsSetup.signer(config)));
        }), ClusterSetup.SYSTEM_NAME, config);
        systems.add(system);
        return system;
    }

    @Test
    void twoEdgeClientsCompleteARoundThatTheCoordinatorFolds() throws Exception {
        BlockingQueue<RoundMetrics> metrics = new LinkedBlockingQueue<>();
        ActorSystem<Void> coordinator = coordinator(metrics);
        EdgeNodes.join(coordinator, coordinator);
        ActorSystem<Void> gatewaySystem = EdgeNodes.gatewaySystem(keys, "localhost",
                "flotilla.gateway.check-in.retry-after = 200ms\n");
        systems.add(gatewaySystem);
        EdgeNodes.join(gatewaySystem, coordinator);
        Gateway gateway = Gateway.start(gatewaySystem, EdgeNodes.settings(gatewaySystem)).toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        int port = gateway.address().getPort();
        KeyDirectory kd = new KeyDirectory(keys);
        EdgeHttp c0 = EdgeHttp.as(kd, "client-0", kd, port);
        EdgeHttp c1 = EdgeHttp.as(kd, "client-1", kd, port);

        // Both check in before either can get a task: the coordinator waits for two available clients.
        assertEquals(200, c1.post("/v1/check-in", EdgeHttp.checkInJson("logreg", 100, true)).statusCode());
        // client-0's body names client-1: ignored, the certificate says who is asking.
        String task0 = awaitTask(c0, "{\"clientId\": \"client-1\", " + EdgeHttp.checkInJson("logreg", 100, true)
                .substring(1));
        String task1 = awaitTask(c1, EdgeHttp.checkInJson("logreg", 100, true));
        assertEquals(1, TestJson.number(task0, "round"));
        assertEquals(TestJson.field(task0, "roundKey"), TestJson.field(task1, "roundKey"));
        String sha = TestJson.blobSha(task0, "parameters");
        // The gateway passes the coordinator's signed terms on unchanged: they verify as the coordinator's, for
        // the client the certificate names, and agree with the plain fields.
        RoundTerms terms0 = verifiedTerms(task0, "client-0");
        assertEquals("client-1", verifiedTerms(task1, "client-1").clientId());
        assertEquals(sha, terms0.parametersSha256());
        assertArrayEquals(Base64.getDecoder().decode(TestJson.field(task0, "roundKey")), terms0.roundKey());
        assertEquals(TestJson.number(task0, "seed"), terms0.seed());

        // client-0 downloads in two ranges, as after a dropped connection; client-1 in one go, then revalidates.
        byte[] head = bytes(c0, "/v1/blobs/" + sha, "bytes=0-99", 206);
        byte[] tail = bytes(c0, "/v1/blobs/" + sha, "bytes=100-", 206);
        byte[] whole = bytes(c1, "/v1/blobs/" + sha, null, 200);
        assertArrayEquals(whole, concat(head, tail));
        assertEquals(sha, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(whole)));
        HttpResponse<byte[]> notModified = c1.sendForBytes(c1.request("/v1/blobs/" + sha)
                .header("If-None-Match", "\"" + sha + "\"").GET().build());
        assertEquals(304, notModified.statusCode());
        HttpResponse<String> past = c1.send(c1.request("/v1/blobs/" + sha).header("Range", "bytes=99999999-")
                .GET().build());
        assertEquals(416, past.statusCode());
        assertEquals("bytes */" + whole.length, past.headers().firstValue("Content-Range").orElseThrow());
        ParameterSet global = GlobalModelBlob.decode(whole, SPEC.layout());

        byte[] sealed0 = seal("client-0", task0, sha);
        byte[] sealed1 = seal("client-1", task1, sha);
        String upload0 = createUpload(c0, sealed0);
        String upload1 = createUpload(c1, sealed1);

        // client-1 cannot touch client-0's upload: upload ids are per client.
        assertError(c1.send(c1.request("/v1/uploads/" + upload0).GET().build()), 404, "unknown_upload");

        // client-0: first half, then a chunk whose connection drops mid-body, then a chunk at a stale offset.
        int half = sealed0.length / 2;
        assertEquals(half, TestJson.number(patch(c0, upload0, 0, Arrays.copyOfRange(sealed0, 0, half)).body(),
                "offset"));
        assertThrows(IOException.class, () -> c0.send(c0.request("/v1/uploads/" + upload0)
                .header("Upload-Offset", Integer.toString(half))
                .method("PATCH", HttpRequest.BodyPublishers.fromPublisher(droppingAfter(
                        Arrays.copyOfRange(sealed0, half, sealed0.length), 100), sealed0.length - half)).build()));
        assertEquals(half, TestJson.number(c0.get("/v1/uploads/" + upload0).body(), "offset"));
        HttpResponse<String> stale = patch(c0, upload0, 0, Arrays.copyOfRange(sealed0, half, sealed0.length));
        assertError(stale, 409, "offset_mismatch");
        assertEquals(half, TestJson.number(stale.body(), "offset"));
        patch(c0, upload0, half, Arrays.copyOfRange(sealed0, half, sealed0.length));
        assertEquals(202, c0.post("/v1/uploads/" + upload0 + "/finish", "").statusCode());

        // client-1: in chunks of 1 KiB.
        for (int at = 0; at < sealed1.length; at += 1024) {
            patch(c1, upload1, at, Arrays.copyOfRange(sealed1, at, Math.min(sealed1.length, at + 1024)));
        }
        HttpResponse<String> finished = c1.post("/v1/uploads/" + upload1 + "/finish", "");
        assertEquals(202, finished.statusCode(), finished.body());
        assertEquals("pending", TestJson.field(finished.body(), "status"));

        RoundMetrics first = metrics.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertTrue(first != null, "round 1 did not close");
        assertEquals("completed", first.status().key(), first.toJson());
        assertEquals(2, first.participants(), first.toJson());
        assertEquals(0, first.rejectedTotal(), first.toJson());
        assertEquals("accepted", awaitResult(c0, 1));
        assertEquals("accepted", awaitResult(c1, 1));

        // Round 2's model is round 1's plus the (equal) deltas: both updates were folded.
        String next = awaitTask(c0, EdgeHttp.checkInJson("logreg", 100, true));
        assertEquals(2, TestJson.number(next, "round"));
        String sha2 = TestJson.blobSha(next, "parameters");
        ParameterSet after = GlobalModelBlob.decode(bytes(c0, "/v1/blobs/" + sha2, null, 200), SPEC.layout());
        float[] a = after.values();
        float[] g = global.values();
        for (int i = 0; i < g.length; i++) {
            assertEquals(g[i] + DELTA, a[i], 1e-5, "parameter " + i);
        }
        assertEquals(2, gateway.counters().get(EdgeCounters.UPDATES_ACCEPTED));
        assertTrue(gateway.counters().get("error.offset_mismatch") >= 1);

        // Round 2, bad uploads: over the bound for the task's parameter count, and bytes that do not hash to
        // what was declared (the upload is discarded); nothing of either reaches the coordinator.
        long bound = TestJson.number(next, "maxUploadBytes");
        assertError(c0.post("/v1/rounds/2/uploads", "{\"size\": " + (bound + 1) + ", \"sha256\": \""
                + "c".repeat(64) + "\", \"examples\": 1}"), 413, "too_large");
        assertError(c0.post("/v1/rounds/1/uploads", "{\"size\": 10, \"sha256\": \"" + "c".repeat(64)
                + "\", \"examples\": 1}"), 409, "wrong_round");
        HttpResponse<String> liar = c0.post("/v1/rounds/2/uploads", "{\"size\": 4, \"sha256\": \""
                + "c".repeat(64) + "\", \"examples\": 1}");
        assertEquals(201, liar.statusCode(), liar.body());
        String liarId = TestJson.field(liar.body(), "uploadId");
        patch(c0, liarId, 0, new byte[] {1, 2, 3, 4});
        assertError(c0.post("/v1/uploads/" + liarId + "/finish", ""), 422, "sha256_mismatch");
        assertError(c0.get("/v1/uploads/" + liarId), 404, "unknown_upload");
        HttpResponse<String> refused = c0.post("/v1/rounds/2/refusal", "{\"reason\": \"battery low\"}");
        assertEquals(200, refused.statusCode(), refused.body());
        assertEquals("refused", TestJson.field(refused.body(), "status"));
        assertEquals(2, gateway.counters().get(EdgeCounters.UPDATES_SUBMITTED), "nothing bad was submitted");
        for (String code : List.of("too_large", "wrong_round", "sha256_mismatch")) {
            assertTrue(gateway.counters().get("error." + code) >= 1, code);
        }
    }

    @Test
    void aClientThatDoesNotComeForItsTaskIsRefusedOnItsBehalfAtTheDeadline() throws Exception {
        BlockingQueue<RoundMetrics> metrics = new LinkedBlockingQueue<>();
        ActorSystem<Void> coordinator = coordinator(metrics, 1, "8s");
        EdgeNodes.join(coordinator, coordinator);
        ActorSystem<Void> gatewaySystem = EdgeNodes.gatewaySystem(keys, "localhost", "");
        systems.add(gatewaySystem);
        EdgeNodes.join(gatewaySystem, coordinator);
        Gateway gateway = Gateway.start(gatewaySystem, EdgeNodes.settings(gatewaySystem)).toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        KeyDirectory kd = new KeyDirectory(keys);
        EdgeHttp c0 = EdgeHttp.as(kd, "client-0", kd, gateway.address().getPort());
        // Ready once, then silent: sampled, but never collects the task.
        assertEquals(200, c0.post("/v1/check-in", EdgeHttp.checkInJson("logreg", 100, true)).statusCode());
        RoundMetrics first = metrics.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertTrue(first != null, "round 1 did not close");
        assertEquals(0, first.participants(), first.toJson());
        long end = System.nanoTime() + WAIT.toNanos();
        HttpResponse<String> r = c0.get("/v1/rounds/1/result");
        while (r.statusCode() == 404 && System.nanoTime() < end) {
            TimeUnit.MILLISECONDS.sleep(100);
            r = c0.get("/v1/rounds/1/result");
        }
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("refused", TestJson.field(r.body(), "status"), r.body());
        assertEquals("missed", TestJson.field(r.body(), "reason"), r.body());
        assertEquals(1, gateway.counters().get(EdgeCounters.TASKS_MISSED));
        assertEquals(0, gateway.counters().get(EdgeCounters.TASKS_OFFERED));
    }

    // ---- the client's side of the protocol ----

    private static String awaitTask(EdgeHttp c, String checkIn) throws Exception {
        long end = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < end) {
            HttpResponse<String> r = c.post("/v1/check-in", checkIn);
            assertEquals(200, r.statusCode(), r.body());
            if ("task".equals(TestJson.field(r.body(), "status"))) {
                return r.body();
            }
            // The gateway's own pacing (with jitter), as a real client obeys it.
            TimeUnit.MILLISECONDS.sleep(TestJson.number(r.body(), "retryAfterMillis"));
        }
        throw new AssertionError("no task within " + WAIT);
    }

    private static String awaitResult(EdgeHttp c, int round) throws Exception {
        long end = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < end) {
            HttpResponse<String> r = c.get("/v1/rounds/" + round + "/result");
            assertEquals(200, r.statusCode(), r.body());
            String status = TestJson.field(r.body(), "status");
            if (!"pending".equals(status)) {
                return status;
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        throw new AssertionError("round " + round + " still pending after " + WAIT);
    }

    /** Seals a delta as an edge client does: to the round key, with its enrolled identity key (no cluster node). */
    private static byte[] seal(String client, String task, String sha) throws Exception {
        EnvelopeUpdateSealer sealer = new EnvelopeUpdateSealer("edge-test", client,
                IdentityKeys.loadPrivate(new KeyDirectory(keys), client), SegmentedAeadParameters.defaults(),
                new SecureRandom());
        int round = (int) TestJson.number(task, "round");
        long version = TestJson.number(task, "modelVersion");
        byte[] roundKey = Base64.getDecoder().decode(TestJson.field(task, "roundKey"));
        float[] delta = new float[SPEC.layout().totalSize()];
        Arrays.fill(delta, DELTA);
        return sealer.seal(new UpdatePayload(round, client, version, delta),
                new SealContext(round, client, version, sha, roundKey));
    }

    private static RoundTerms verifiedTerms(String task, String client) throws Exception {
        KeyDirectory kd = new KeyDirectory(keys);
        return new RoundTermsVerifier(IdentityCertificates.loadCa(kd), "edge-test", client)
                .verify(Base64.getDecoder().decode(TestJson.field(task, "terms")));
    }

    private static String createUpload(EdgeHttp c, byte[] sealed) throws Exception {
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(sealed));
        HttpResponse<String> r = c.post("/v1/rounds/1/uploads", "{\"size\": " + sealed.length + ", \"sha256\": \""
                + sha + "\", \"examples\": 100, \"report\": {\"trainLoss\": 0.5, \"trainAccuracy\": null}}");
        assertEquals(201, r.statusCode(), r.body());
        HttpResponse<String> again = c.post("/v1/rounds/1/uploads", "{\"size\": " + sealed.length
                + ", \"sha256\": \"" + sha + "\", \"examples\": 100}");
        assertEquals(200, again.statusCode(), "creating the same upload again gives the existing one");
        assertEquals(TestJson.field(r.body(), "uploadId"), TestJson.field(again.body(), "uploadId"));
        return TestJson.field(r.body(), "uploadId");
    }

    private static HttpResponse<String> patch(EdgeHttp c, String upload, int offset, byte[] chunk)
            throws Exception {
        HttpResponse<String> r = c.send(c.request("/v1/uploads/" + upload).header("Upload-Offset",
                Integer.toString(offset)).method("PATCH", HttpRequest.BodyPublishers.ofByteArray(chunk)).build());
        if (r.statusCode() == 200) {
            assertEquals(offset + chunk.length, TestJson.number(r.body(), "offset"));
        }
        return r;
    }

    private static byte[] bytes(EdgeHttp c, String path, String range, int status) throws Exception {
        HttpRequest.Builder b = c.request(path).GET();
        if (range != null) {
            b.header("Range", range);
        }
        HttpResponse<byte[]> r = c.sendForBytes(b.build());
        assertEquals(status, r.statusCode(), new String(r.body()));
        assertEquals(r.headers().firstValue("ETag").orElseThrow(), "\"" + path.substring(path.lastIndexOf('/') + 1)
                + "\"");
        return r.body();
    }

    static void assertError(HttpResponse<String> r, int status, String code) {
        assertEquals(status, r.statusCode(), r.body());
        assertEquals(code, TestJson.field(r.body(), "error"), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
                r.headers().toString());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** A body that sends its first {@code sent} bytes and then fails, as a connection cut mid-chunk. */
    private static Flow.Publisher<ByteBuffer> droppingAfter(byte[] body, int sent) {
        return subscriber -> subscriber.onSubscribe(new Flow.Subscription() {
            private boolean done;

            @Override
            public void request(long n) {
                if (done) {
                    return;
                }
                done = true;
                subscriber.onNext(ByteBuffer.wrap(body, 0, sent));
                subscriber.onError(new IOException("connection cut mid-chunk"));
            }

            @Override
            public void cancel() {
                done = true;
            }
        });
    }
}
