package io.flotilla.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flotilla.crypto.SegmentedAeadParameters;
import io.flotilla.crypto.envelope.EnrolledKeys;
import io.flotilla.crypto.pki.IdentityKeys;
import io.flotilla.data.Dataset;
import io.flotilla.data.FashionMnist;
import io.flotilla.fit.TrainConfig;
import io.flotilla.model.ParameterSet;
import io.flotilla.model.encoding.GlobalModelBlob;
import io.flotilla.nn.ModelSpec;
import io.flotilla.nn.ModelZoo;
import io.flotilla.wire.update.EnvelopeUpdateOpener;
import io.flotilla.wire.update.SealContext;
import io.flotilla.wire.update.UpdatePayload;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole check-in cycles over real HTTPS (TLS 1.3, client certificates of a real federation CA) against a
 * stand-in gateway: the update arrives sealed so that only the round key's holder opens it, transfers resume after
 * dropped connections, a refusing first gateway is skipped, and a gateway with a certificate of another CA, or of
 * the wrong role, is never spoken to.
 */
class FlotillaClientTest {
    private static final ModelSpec SPEC = ModelZoo.spec("logreg");
    private static Dataset train;

    @TempDir
    static Path keysDir;
    @TempDir
    static Path otherDir;
    private static TestPki pki;

    private TestGateway gateway;
    private FlotillaClient client;

    @BeforeAll
    static void setUp() throws Exception {
        train = FashionMnist.load(null).train().slice(0, 200);
        pki = TestPki.create(keysDir, TestPki.FEDERATION, "gw-1", "alice", "bob");
    }

    @BeforeEach
    void startGateway() throws Exception {
        gateway = new TestGateway(pki.keys, "gw-1", pki.keys);
        gateway.terms(pki::signed);
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        gateway.close();
    }

    private FlotillaClient.Builder builder(URI... urls) throws Exception {
        FlotillaClient.Builder b = FlotillaClient.builder().keyDirectory(keysDir, "alice").model("logreg")
                .localData(() -> train).backoff(Duration.ofMillis(10), Duration.ofMillis(100))
                .connectTimeout(Duration.ofSeconds(5)).requestTimeout(Duration.ofSeconds(30))
                .idleCheckIn(Duration.ofMillis(10)).random(new Random(1));
        for (URI u : urls) {
            b.gateway(u);
        }
        return b;
    }

    /** Stages an envelope task of round 3 and returns the opener that holds the round key. */
    private EnvelopeUpdateOpener stageEnvelopeTask() throws Exception {
        EnrolledKeys enrolled = new EnrolledKeys();
        enrolled.enrol("alice", IdentityKeys.loadPublic(pki.keys, "alice"));
        EnvelopeUpdateOpener opener = new EnvelopeUpdateOpener(TestPki.FEDERATION, enrolled,
                SegmentedAeadParameters.defaults(), new SecureRandom());
        byte[] roundKey = opener.beginRound(3);
        ParameterSet global = SPEC.initialize(11);
        gateway.stage(3, 7, "logreg", global.size(), GlobalModelBlob.encode(global, false), null,
                TrainConfig.defaults().withLearningRate(0.05f), 42L, System.currentTimeMillis() + 120_000,
                "envelope", roundKey, opener.maxSealedSize(global.size()));
        return opener;
    }

    private UpdatePayload openUploaded(EnvelopeUpdateOpener opener) throws Exception {
        assertNotNull(gateway.uploaded, "nothing was uploaded");
        String sha = io.flotilla.crypto.Sha256.hex(GlobalModelBlob.encode(SPEC.initialize(11), false));
        return opener.open(gateway.uploaded, new SealContext(3, "alice", 7, sha), SPEC.layout().totalSize());
    }

    @Test
    void completesACycleWhoseUpdateOnlyTheRoundKeyHolderOpens() throws Exception {
        EnvelopeUpdateOpener opener = stageEnvelopeTask();
        client = builder(gateway.url()).build();

        CycleOutcome o = client.runOnce();

        assertEquals(CycleOutcome.Kind.SUBMITTED, o.kind(), o.toString());
        assertEquals("accepted", o.resultStatus());
        assertEquals(3, o.round());
        UpdatePayload p = openUploaded(opener);
        assertEquals("alice", p.clientId());
        assertEquals(SPEC.layout().totalSize(), p.delta().length);
        assertTrue(gateway.clientIds.stream().allMatch("alice"::equals), gateway.clientIds.toString());
        assertTrue(gateway.lastCheckIn.contains("\"examples\":200"), gateway.lastCheckIn);
        assertTrue(gateway.lastCheckIn.contains("\"security\":\"envelope\""), gateway.lastCheckIn);
        assertEquals("present", gateway.uploadedReport);
    }

    @Test
    void resumesADroppedDownloadWithARangeRequest() throws Exception {
        EnvelopeUpdateOpener opener = stageEnvelopeTask();
        gateway.dropDownloadOnceAfter(10_000);
        client = builder(gateway.url()).build();

        CycleOutcome o = client.runOnce();

        assertEquals(CycleOutcome.Kind.SUBMITTED, o.kind(), o.toString());
        assertEquals(java.util.List.of("bytes=10000-"), gateway.ranges);
        long blob = GlobalModelBlob.encode(SPEC.initialize(11), false).length;
        assertEquals(blob, gateway.bytesServed.get(), "every byte is sent once");
        openUploaded(opener);
    }

    @Test
    void resumesADroppedUploadFromTheCommittedOffset() throws Exception {
        EnvelopeUpdateOpener opener = stageEnvelopeTask();
        gateway.dropUploadOnceAfter(1000);
        client = builder(gateway.url()).chunkBytes(4096).build();

        CycleOutcome o = client.runOnce();

        assertEquals(CycleOutcome.Kind.SUBMITTED, o.kind(), o.toString());
        assertEquals(1, gateway.uploadResyncs.get(), "the client asked for the committed offset once");
        // The hash matched at finish and the update opens: the resumed bytes joined up exactly.
        assertEquals("alice", openUploaded(opener).clientId());
    }

    @Test
    void pollsTheResultWhenTheAnswerToFinishWasLost() throws Exception {
        EnvelopeUpdateOpener opener = stageEnvelopeTask();
        gateway.dropFinishAnswerOnce();
        client = builder(gateway.url()).build();

        CycleOutcome o = client.runOnce();

        assertEquals(CycleOutcome.Kind.SUBMITTED, o.kind(), o.toString());
        assertEquals("accepted", o.resultStatus());
        openUploaded(opener);
    }

    @Test
    void failsOverToTheSecondGatewayWhenTheFirstRefusesConnections() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        client = builder(URI.create("https://127.0.0.1:" + closedPort), gateway.url()).build();

        CycleOutcome o = client.runOnce();

        assertEquals(CycleOutcome.Kind.RETRY, o.kind(), o.toString());
        assertEquals(1, gateway.checkIns.get());
        // The gateway that answered is tried first next time: no second connection attempt to the dead one.
        assertEquals(CycleOutcome.Kind.RETRY, client.runOnce().kind());
        assertEquals(2, gateway.checkIns.get());
    }

    @Test
    void failsOverWhenTheFirstGatewayAnswersUnavailable() throws Exception {
        try (TestGateway second = new TestGateway(pki.keys, "gw-1", pki.keys)) {
            gateway.unavailable(true);
            client = builder(gateway.url(), second.url()).build();

            CycleOutcome o = client.runOnce();

            assertEquals(CycleOutcome.Kind.RETRY, o.kind(), o.toString());
            assertEquals(1, gateway.checkIns.get());
            assertEquals(1, second.checkIns.get());
            assertEquals(java.util.Map.of(CycleOutcome.Kind.RETRY, 1L), client.outcomeCounts());
        }
    }

    @Test
    void backsOffWhenNoGatewayAnswers() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        client = builder(URI.create("https://127.0.0.1:" + closedPort)).build();

        CycleOutcome o = client.runOnce();

        assertEquals(CycleOutcome.Kind.UNREACHABLE, o.kind(), o.toString());
        assertTrue(o.nextCheckIn().toMillis() <= 10, o.toString());
    }

    @Test
    void refusesAGatewayWhoseCertificateIsFromAnotherCa() throws Exception {
        TestPki other = TestPki.create(otherDir, TestPki.FEDERATION, "gw-rogue");
        // The rogue trusts the real federation, so only the client's check can stop the handshake.
        try (TestGateway rogue = new TestGateway(other.keys, "gw-rogue", pki.keys)) {
            stageEnvelopeTaskOn(rogue);
            client = builder(rogue.url()).build();

            CycleOutcome o = client.runOnce();

            assertEquals(CycleOutcome.Kind.UNREACHABLE, o.kind(), o.toString());
            assertEquals(0, rogue.requests.get(), "no request reached a gateway of another CA");
        }
    }

    @Test
    void refusesAServerWhoseCertificateIsNotAGatewaysEvenFromTheFederationCa() throws Exception {
        // bob's client certificate, from the right CA, used as a server's: role client, not gateway.
        try (TestGateway impostor = new TestGateway(pki.keys, "bob", pki.keys)) {
            client = builder(impostor.url()).build();

            CycleOutcome o = client.runOnce();

            assertEquals(CycleOutcome.Kind.UNREACHABLE, o.kind(), o.toString());
            assertEquals(0, impostor.requests.get());
        }
    }

    @Test
    void refusesATaskForAnotherModelAndSaysWhy() throws Exception {
        ParameterSet global = ModelZoo.spec("mnist-2nn").initialize(1);
        gateway.stage(5, 1, "mnist-2nn", global.size(), GlobalModelBlob.encode(global, false), null,
                TrainConfig.defaults(), 1L, System.currentTimeMillis() + 60_000, "envelope", new byte[32], 1 << 24);
        client = builder(gateway.url()).build();

        CycleOutcome o = client.runOnce();

        assertEquals(CycleOutcome.Kind.REFUSED, o.kind(), o.toString());
        assertEquals(1, gateway.refusals.size());
        assertTrue(gateway.refusals.get(0).contains("mnist-2nn"), gateway.refusals.toString());
        assertEquals(0, gateway.bytesServed.get(), "nothing downloaded for a refused task");
    }

    @Test
    void refusesATaskWhoseTermsAreMissingForgedForAnotherClientOrDisagreeWithIt() throws Exception {
        Map<String, TestGateway.Terms> forgeries = new LinkedHashMap<>();
        forgeries.put("task carries no signed round terms", (c, t) -> null);
        // A client's own identity key and certificate, of the right CA: not a coordinator's.
        forgeries.put("terms signed by a 'client' certificate", (c, t) -> pki.signedBy("bob", c, t));
        forgeries.put("terms are for client 'bob', not 'alice'", (c, t) -> pki.signed("bob", t));
        // The coordinator signed another round key than the one the gateway offers.
        forgeries.put("differs from its signed round terms in roundKey", (c, t) -> {
            Map<String, Object> other = new LinkedHashMap<>(t);
            other.put("roundKey", Base64.getEncoder().encodeToString(new byte[32]));
            return pki.signed(c, other);
        });
        forgeries.put("differs from its signed round terms in seed", (c, t) -> {
            Map<String, Object> other = new LinkedHashMap<>(t);
            other.put("seed", 43L);
            return pki.signed(c, other);
        });
        client = builder(gateway.url()).build();
        for (Map.Entry<String, TestGateway.Terms> f : forgeries.entrySet()) {
            stageEnvelopeTask();
            gateway.terms(f.getValue());

            CycleOutcome o = client.runOnce();

            assertEquals(CycleOutcome.Kind.REFUSED, o.kind(), f.getKey() + ": " + o);
            assertTrue(o.toString().contains(f.getKey()), f.getKey() + ": " + o);
            assertTrue(gateway.refusals.get(gateway.refusals.size() - 1).contains(f.getKey()),
                    gateway.refusals.toString());
        }
        assertEquals(forgeries.size(), gateway.refusals.size());
        assertEquals(0, gateway.bytesServed.get(), "nothing downloaded for a task whose terms fail");
        assertNull(gateway.uploaded);
    }

    @Test
    void skipsTheCheckInWhenTheConditionsSayNotNow() throws Exception {
        client = builder(gateway.url()).conditions(new ConditionsSource() {
            @Override
            public DeviceConditions current() {
                return new DeviceConditions(false, true, true, 1 << 30);
            }

            @Override
            public boolean mayTrain(DeviceConditions now) {
                return now.charging();
            }
        }).build();

        assertEquals(CycleOutcome.Kind.SKIPPED, client.runOnce().kind());
        assertEquals(0, gateway.requests.get());
    }

    @Test
    void runLoopsOnTheGatewaysRetryAfterUntilClosed() throws Exception {
        gateway.retryAfter(20);
        client = builder(gateway.url()).build();
        Thread loop = new Thread(() -> {
            try {
                client.run();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        loop.start();
        long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while (gateway.checkIns.get() < 3 && System.nanoTime() < until) {
            loop.join(20);
        }
        assertTrue(gateway.checkIns.get() >= 3, gateway.checkIns + " check-ins");
        client.close();
        loop.join(60_000);
        assertTrue(!loop.isAlive(), "run() ended after close()");
    }

    private void stageEnvelopeTaskOn(TestGateway g) {
        ParameterSet global = SPEC.initialize(11);
        g.stage(3, 7, "logreg", global.size(), GlobalModelBlob.encode(global, false), null, TrainConfig.defaults(),
                42L, System.currentTimeMillis() + 120_000, "envelope", new byte[32], 1 << 22);
    }
}
