package io.flotilla.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import io.flotilla.crypto.Ed25519PrivateKey;
import io.flotilla.crypto.envelope.EnrolledKeys;
import io.flotilla.crypto.secagg.AesCtrMaskGenerator;
import io.flotilla.crypto.secagg.MaskedInput;
import io.flotilla.crypto.secagg.PeerKeys;
import io.flotilla.crypto.secagg.RelayedShares;
import io.flotilla.crypto.secagg.SecAggConfig;
import io.flotilla.crypto.secagg.SecAggResult;
import io.flotilla.crypto.secagg.SecAggServer;
import io.flotilla.crypto.secagg.UnmaskRequest;
import io.flotilla.wire.protocol.ClientReport;
import io.flotilla.wire.protocol.CoordinatorMessage;
import io.flotilla.wire.seal.MaskedInputBlob;
import io.flotilla.wire.transfer.InProcessBlobExchange;
import io.flotilla.wire.protocol.SecAggInputSubmitted;
import io.flotilla.wire.protocol.SecAggKeysAdvertised;
import io.flotilla.wire.protocol.SecAggPeerKeys;
import io.flotilla.wire.protocol.SecAggRelayedShares;
import io.flotilla.wire.protocol.SecAggSetup;
import io.flotilla.wire.protocol.SecAggSharesSent;
import io.flotilla.wire.protocol.SecAggUnmaskAnswered;
import io.flotilla.wire.protocol.SecAggUnmaskRequest;
import io.flotilla.wire.seal.SecAggReportSigner;
import io.flotilla.wire.seal.SecAggReportVerifier;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Three client session holders (real actors, real crypto) against a real {@link SecAggServer} played by the
 * test: the stages run in order whatever comes first, the training result or the setup; each input is clipped,
 * weighted by its examples (or 1 under client-side DP) and masked; the unmasked sum is the plaintext weighted
 * sum within the quantisation bound, and the clipped count is reported. Every report the holders send verifies
 * under its client's identity key for the session.
 */
class ClientSecAggTest {
    private static final ActorTestKit KIT = ActorTestKit.create();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int N = 3;
    private static final int ROUND = 5;
    private static final long SESSION = 1234;
    private static final float[][] DELTAS = {{0.5f, -0.25f, 3f}, {1f, 1f, -1f}, {-0.75f, 0f, 0.125f}};
    private static final long[] EXAMPLES = {10, 20, 30};

    private final InProcessBlobExchange blobs = new InProcessBlobExchange();

    @AfterAll
    static void stop() {
        KIT.shutdownTestKit();
    }

    private <T extends CoordinatorMessage> List<T> collect(TestProbe<CoordinatorMessage> probe, Class<T> type, int count) {
        List<T> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(probe.expectMessageClass(type, WAIT));
        }
        return out;
    }

    private SecAggResult runSession(boolean unweighted, Map<String, Double> clippedOut) throws Exception {
        SecAggConfig config = new SecAggConfig(N, 2, 0, 3, 2.0, 100, 1 << 16, 0.2, SESSION);
        TestProbe<CoordinatorMessage> coordinator = KIT.createTestProbe();
        List<ActorRef<ClientSecAgg.Command>> clients = new ArrayList<>();
        EnrolledKeys enrolled = new EnrolledKeys();
        for (int i = 0; i < N; i++) {
            Ed25519PrivateKey identity = Ed25519PrivateKey.generate(new SecureRandom());
            enrolled.enrol("c" + i, identity.publicKey());
            clients.add(KIT.spawn(ClientSecAgg.create(new SecAggReportSigner("fed", "c" + i, identity), blobs, 3,
                    unweighted)));
        }
        // The test plays the coordinator, and checks every report as the coordinator does.
        SecAggReportVerifier verifier = new SecAggReportVerifier("fed", enrolled);
        // c0 finishes training before its setup arrives; the others after.
        clients.get(0).tell(new ClientSecAgg.Trained(ROUND, DELTAS[0].clone(), EXAMPLES[0],
                ClientReport.trained(1.0, Double.NaN, Double.NaN)));
        for (int i = 0; i < N; i++) {
            clients.get(i).tell(new ClientSecAgg.Stage(new SecAggSetup(ROUND, "c" + i, SESSION, i, N, 2, 0, 2.0, 100,
                    1 << 16, 0.2, coordinator.ref())));
        }
        SecAggServer server = new SecAggServer(config, SESSION, new AesCtrMaskGenerator());
        // Advertising keys commits a member to contribute: only c0, trained, has done so.
        SecAggKeysAdvertised first = coordinator.expectMessageClass(SecAggKeysAdvertised.class, WAIT);
        assertEquals("c0", first.clientId());
        verifier.verify(first, SESSION);
        server.onAdvertise(first.toAdvertiseKeys());
        for (int i = 1; i < N; i++) {
            clients.get(i).tell(new ClientSecAgg.Trained(ROUND, DELTAS[i].clone(), EXAMPLES[i], ClientReport.NONE));
        }
        for (SecAggKeysAdvertised a : collect(coordinator, SecAggKeysAdvertised.class, N - 1)) {
            verifier.verify(a, SESSION);
            server.onAdvertise(a.toAdvertiseKeys());
        }
        PeerKeys keys = server.closeAdvertise();
        for (int i = 0; i < N; i++) {
            clients.get(i).tell(new ClientSecAgg.Stage(SecAggPeerKeys.of(ROUND, SESSION, keys, new int[] {0, 1, 2})));
        }
        for (SecAggSharesSent s : collect(coordinator, SecAggSharesSent.class, N)) {
            verifier.verify(s, SESSION);
            server.onShareKeys(s.toShareKeys());
        }
        Map<Integer, RelayedShares> relay = server.closeShareKeys();
        for (int i = 0; i < N; i++) {
            clients.get(i).tell(new ClientSecAgg.Stage(SecAggRelayedShares.of(ROUND, SESSION, relay.get(i))));
        }
        for (SecAggInputSubmitted in : collect(coordinator, SecAggInputSubmitted.class, N)) {
            verifier.verify(in, SESSION);
            byte[] bytes = blobs.fetch(in.payload(), 1 << 20, WAIT).toCompletableFuture().join();
            SecAggReportVerifier.requireSignedBlob(in, bytes);
            server.onMaskedInput(new MaskedInput(in.index(), MaskedInputBlob.decode(bytes, ROUND, SESSION,
                    in.index(), 4)));
            clippedOut.put(in.clientId(), (double) in.report().secAggClipped());
        }
        UnmaskRequest request = server.closeMaskedInput();
        for (int i = 0; i < N; i++) {
            clients.get(i).tell(new ClientSecAgg.Stage(SecAggUnmaskRequest.of(ROUND, SESSION, request)));
        }
        for (SecAggUnmaskAnswered u : collect(coordinator, SecAggUnmaskAnswered.class, N)) {
            verifier.verify(u, SESSION);
            server.onUnmaskResponse(u.toUnmaskResponse());
        }
        SecAggResult result = server.finish();
        assertTrue(config.quantisationBound(N) < 1e-4);
        return result;
    }

    @Test
    void theSessionsUnmaskTheExampleWeightedSumOfTheClippedDeltas() throws Exception {
        Map<String, Double> clipped = new HashMap<>();
        SecAggResult r = runSession(false, clipped);
        assertEquals(60, r.totalWeight());
        float[] expected = {10 * 0.5f + 20 - 30 * 0.75f, -2.5f + 20, 10 * 2f - 20 + 30 * 0.125f};
        for (int j = 0; j < 3; j++) {
            assertEquals(expected[j], r.weightedSum()[j], 1e-3, "value " + j);
        }
        assertEquals(Map.of("c0", 1.0, "c1", 0.0, "c2", 0.0), clipped, "c0's 3.0 was clipped to 2.0");
    }

    @Test
    void underClientSideDpEveryInputHasWeightOne() throws Exception {
        SecAggResult r = runSession(true, new HashMap<>());
        assertEquals(3, r.totalWeight());
        assertEquals(0.5f + 1f - 0.75f, r.weightedSum()[0], 1e-3);
    }
}
