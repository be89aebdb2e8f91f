package io.flotilla.wire.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.javadsl.Adapter;
import akka.serialization.Serialization;
import akka.serialization.SerializationExtension;
import akka.serialization.Serializers;
import io.flotilla.crypto.Ed25519PrivateKey;
import io.flotilla.crypto.envelope.EnrolledKeys;
import io.flotilla.crypto.secagg.AesCtrMaskGenerator;
import io.flotilla.crypto.secagg.PeerKeys;
import io.flotilla.crypto.secagg.RelayedShares;
import io.flotilla.crypto.secagg.SecAggClient;
import io.flotilla.crypto.secagg.SecAggConfig;
import io.flotilla.crypto.secagg.SecAggServer;
import io.flotilla.crypto.secagg.ShareKeys;
import io.flotilla.crypto.secagg.UnmaskRequest;
import io.flotilla.crypto.secagg.UnmaskResponse;
import io.flotilla.wire.seal.MaskedInputBlob;
import io.flotilla.wire.seal.SecAggReportSigner;
import io.flotilla.wire.seal.SecAggReportVerifier;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The secure aggregation wire records: a whole session of real clients crosses Akka serialization (Kryo,
 * registration required) stage by stage, every report signed and still verifying after the trip, and still
 * unmasks the right sum; hand-made bad shapes (signatures included) are refused with
 * both sizes named, also when they arrive as decoded bytes (records are rebuilt through their constructors).
 */
class SecAggChecksTest {
    private static final byte[] SIG = new byte[64];
    private static ActorTestKit kit;
    private static Serialization serialization;

    @BeforeAll
    static void start() {
        kit = ActorTestKit.create("SecAggChecksTest");
        serialization = SerializationExtension.get(Adapter.toClassic(kit.system()));
    }

    @AfterAll
    static void stop() {
        kit.shutdownTestKit();
    }

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T message) {
        akka.serialization.Serializer s = serialization.findSerializerFor(message);
        byte[] bytes = serialization.serialize(message).get();
        assertTrue(bytes.length < 240 * 1024, "fits one actor message");
        return (T) serialization.deserialize(bytes, s.identifier(), Serializers.manifestFor(s, message)).get();
    }

    @Test
    void aSessionThroughTheWireUnmasksTheSum() throws Exception {
        int n = 5;
        int round = 2;
        SecAggConfig config = new SecAggConfig(n, 3, 0, 4, 2.0, 10, 1 << 20, 0.5, 77);
        SecureRandom random = new SecureRandom();
        SecAggServer server = new SecAggServer(config, 77, new AesCtrMaskGenerator());
        List<SecAggClient> clients = new ArrayList<>();
        TestProbe<CoordinatorMessage> coordinator = kit.createTestProbe();
        EnrolledKeys enrolled = new EnrolledKeys();
        List<SecAggReportSigner> signers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Ed25519PrivateKey identity = Ed25519PrivateKey.generate(random);
            enrolled.enrol("c" + i, identity.publicKey());
            signers.add(new SecAggReportSigner("fed", "c" + i, identity));
        }
        SecAggReportVerifier verifier = new SecAggReportVerifier("fed", enrolled);
        for (int i = 0; i < n; i++) {
            SecAggSetup setup = roundTrip(new SecAggSetup(round, "c" + i, 77, i, n, 3, 0, 2.0, 10, 1 << 20, 0.5,
                    coordinator.ref()));
            assertEquals(config, setup.config(4));
            assertEquals(coordinator.ref(), setup.replyTo());
            clients.add(new SecAggClient(setup.config(4), setup.session(), i, random, new AesCtrMaskGenerator()));
            SecAggKeysAdvertised a = roundTrip(signers.get(i).advertise(round, 77, clients.get(i).advertise()));
            verifier.verify(a, 77);
            server.onAdvertise(a.toAdvertiseKeys());
        }
        PeerKeys keys = server.closeAdvertise();
        for (int i = 0; i < n; i++) {
            PeerKeys back = roundTrip(SecAggPeerKeys.of(round, 77, keys, new int[] {0, 1, 2, 3, 4})).toPeerKeys();
            assertEquals(keys, back);
            ShareKeys shares = clients.get(i).shareKeys(back);
            SecAggSharesSent sent = roundTrip(signers.get(i).shares(round, 77, shares));
            verifier.verify(sent, 77);
            server.onShareKeys(sent.toShareKeys());
        }
        Map<Integer, RelayedShares> relay = server.closeShareKeys();
        float[][] inputs = {{1, 2, 3, 4}, {-1, 0.5f, 0, 0}, {0.25f, 0, 0, 1}, {0, 0, 0, 0}, {1, 1, 1, 1}};
        for (int i = 0; i < n - 1; i++) { // c4 drops after sharing
            RelayedShares back = roundTrip(SecAggRelayedShares.of(round, 77, relay.get(i))).toRelayedShares();
            int[] masked = clients.get(i).maskInput(back, inputs[i], i + 1).masked();
            byte[] blob = MaskedInputBlob.encode(round, 77, i, masked);
            SecAggInputSubmitted in = roundTrip(signers.get(i).input(round, 77, i,
                    new BlobRef(Sha256.hex(blob), blob.length, ""), ClientReport.trained(0.5, 0.75, 2.0)));
            verifier.verify(in, 77);
            SecAggReportVerifier.requireSignedBlob(in, blob);
            server.onMaskedInput(new io.flotilla.crypto.secagg.MaskedInput(i,
                    MaskedInputBlob.decode(blob, round, 77, i, 5)));
        }
        UnmaskRequest request = roundTrip(SecAggUnmaskRequest.of(round, 77, server.closeMaskedInput()))
                .toUnmaskRequest();
        for (int i = 0; i < n - 1; i++) {
            UnmaskResponse r = clients.get(i).unmask(request);
            SecAggUnmaskAnswered answer = roundTrip(signers.get(i).unmask(round, 77, r));
            verifier.verify(answer, 77);
            server.onUnmaskResponse(answer.toUnmaskResponse());
        }
        var result = server.finish();
        assertEquals(1 + 2 + 3 + 4, result.totalWeight());
        // Clipped to [-2, 2] before weighting: c0's 3 and 4 count as 2.
        float[] expected = {1 - 2 + 0.75f, 2 + 1, 2, 2 + 3};
        for (int j = 0; j < 4; j++) {
            assertEquals(expected[j], result.weightedSum()[j], config.quantisationBound(4));
        }
    }

    private static void refused(String fragment, Executable e) {
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, e::run);
        assertTrue(x.getMessage().contains(fragment), x.getMessage());
    }

    private interface Executable {
        void run() throws Exception;
    }

    @Test
    void badShapesAreRefusedNamingBothSizes() {
        byte[] key = new byte[32];
        refused("cipher key has 31 bytes, expected 32 (1 x 32)",
                () -> new SecAggKeysAdvertised(1, "c", 0, new byte[31], key, SIG));
        refused("index -1 outside", () -> new SecAggKeysAdvertised(1, "c", -1, key, key, SIG));
        refused("signature has 63 bytes, expected 64 (1 x 64)",
                () -> new SecAggKeysAdvertised(1, "c", 0, key, key, new byte[63]));
        refused("signature must not be null", () -> new SecAggKeysAdvertised(1, "c", 0, key, key, null));
        refused("signature has 65 bytes, expected 64 (1 x 64)",
                () -> new SecAggSharesSent(1, "c", 0, new int[0], new byte[0], new byte[65]));
        refused("signature has 0 bytes, expected 64 (1 x 64)", () -> new SecAggInputSubmitted(1, "c", 0,
                new BlobRef("ab".repeat(32), 1, ""), ClientReport.NONE, new byte[0]));
        refused("signature has 128 bytes, expected 64 (1 x 64)", () -> new SecAggUnmaskAnswered(1, "c", 0,
                new int[0], new byte[0], new int[0], new byte[0], new byte[128]));
        refused("report must not be null", () -> new SecAggInputSubmitted(1, "c", 0,
                new BlobRef("ab".repeat(32), 1, ""), null, SIG));
        refused("mask keys has 32 bytes, expected 64 (2 x 32)",
                () -> new SecAggPeerKeys(1, 5, new int[] {0, 1}, new byte[64], new byte[32]));
        refused("key list must be strictly ascending, got 1 then 1",
                () -> new SecAggPeerKeys(1, 5, new int[] {1, 1}, new byte[64], new byte[64]));
        refused("key list has 2001 entries, at most 2000",
                () -> new SecAggPeerKeys(1, 5, new int[2001], new byte[0], new byte[0]));
        refused("relayed shares has 61 bytes, expected 62 (1 x 62)",
                () -> new SecAggRelayedShares(1, 5, 0, new int[] {1}, new byte[61]));
        refused("shares has 0 bytes, expected 124 (2 x 62)",
                () -> new SecAggSharesSent(1, "c", 0, new int[] {1, 2}, new byte[0], SIG));
        refused("survivors entry 2000 outside 0..1999",
                () -> new SecAggUnmaskRequest(1, 5, new int[] {3, 2000}));
        refused("both shares of client 2 revealed",
                () -> new SecAggUnmaskAnswered(1, "c", 0, new int[] {2}, new byte[17], new int[] {2}, new byte[17],
                        SIG));
        refused("key shares has 16 bytes, expected 17 (1 x 17)",
                () -> new SecAggUnmaskAnswered(1, "c", 0, new int[0], new byte[0], new int[] {2}, new byte[16],
                        SIG));
        refused("index 4 outside 0..3", () -> new SecAggSetup(1, "c", 5, 4, 4, 3, 0, 1, 1, 1, 0,
                kit.<CoordinatorMessage>createTestProbe().ref()));
        refused("cohort size 1 outside 2..2000", () -> new SecAggSetup(1, "c", 5, 0, 1, 1, 0, 1, 1, 1, 0,
                kit.<CoordinatorMessage>createTestProbe().ref()));
        refused("round must be >= 1", () -> new SecAggInputSubmitted(0, "c", 0,
                new BlobRef("ab".repeat(32), 1, ""), ClientReport.NONE, SIG));
    }

    @Test
    void arraysAreCopiedInAndOut() {
        byte[] key = new byte[32];
        byte[] sig = new byte[64];
        SecAggKeysAdvertised a = new SecAggKeysAdvertised(1, "c", 0, key, key, sig);
        key[0] = 9;
        sig[0] = 9;
        assertEquals(0, a.cipherKey()[0]);
        assertEquals(0, a.signature()[0]);
        a.cipherKey()[1] = 9;
        a.signature()[1] = 9;
        assertEquals(0, a.cipherKey()[1]);
        assertEquals(0, a.signature()[1]);
        int[] ids = {1, 2};
        SecAggUnmaskRequest r = new SecAggUnmaskRequest(1, 5, ids);
        ids[0] = 0;
        assertArrayEquals(new int[] {1, 2}, r.survivors());
    }
}
