package io.flotilla.coordinator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import io.flotilla.aggregation.WeightedSum;
import io.flotilla.crypto.Ed25519PrivateKey;
import io.flotilla.crypto.SegmentedAeadParameters;
import io.flotilla.crypto.envelope.EnrolledKeys;
import io.flotilla.fit.TrainConfig;
import io.flotilla.model.encoding.GlobalParameters;
import io.flotilla.wire.RejectReason;
import io.flotilla.wire.protocol.ClientMessage;
import io.flotilla.wire.protocol.ClientReport;
import io.flotilla.wire.protocol.CoordinatorMessage;
import io.flotilla.wire.SecurityMode;
import io.flotilla.wire.protocol.SubmitUpdate;
import io.flotilla.wire.protocol.TrainInstruction;
import io.flotilla.wire.protocol.UpdateAccepted;
import io.flotilla.wire.protocol.UpdateRejected;
import io.flotilla.wire.update.EnvelopeUpdateOpener;
import io.flotilla.wire.update.EnvelopeUpdateSealer;
import io.flotilla.wire.update.SealContext;
import io.flotilla.wire.update.UpdatePayload;
import io.flotilla.wire.transfer.BlobRef;
import io.flotilla.wire.transfer.InProcessBlobExchange;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The round collector with envelope encryption, real X25519/Ed25519/AES-GCM: the round's key goes out in the
 * instructions, honest sealed updates are opened and averaged exactly, and every tampering case is rejected with
 * its reason counted while the round closes on the honest members.
 */
class RoundCollectorEnvelopeTest {
    private static final ActorTestKit KIT = ActorTestKit.create();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String FEDERATION = "fed";
    private static final int ROUND = 3;
    private static final long VERSION = 2;
    private static final List<String> MEMBERS = List.of("h1", "h2", "body", "tag", "header", "sig", "replay",
            "oldkey", "stranger");

    private final SecureRandom random = new SecureRandom();
    private final SegmentedAeadParameters aead = new SegmentedAeadParameters(64 * 1024);
    private final InProcessBlobExchange blobs = new InProcessBlobExchange();
    private final BlobRef params = blobs.publish(GlobalParameters.encode(new float[] {0f, 0f}));
    private final Map<String, Ed25519PrivateKey> identities = new HashMap<>();
    private final EnrolledKeys enrolled = new EnrolledKeys();

    @AfterAll
    static void shutdown() {
        KIT.shutdownTestKit();
    }

    private EnvelopeUpdateSealer sealer(String id) {
        Ed25519PrivateKey key = identities.computeIfAbsent(id, k -> Ed25519PrivateKey.generate(random));
        return new EnvelopeUpdateSealer(FEDERATION, id, key, aead, random);
    }

    private byte[] seal(String id, int round, byte[] roundKey, float[] delta) {
        return sealer(id).seal(new UpdatePayload(round, id, VERSION, delta),
                new SealContext(round, id, VERSION, params.sha256(), roundKey));
    }

    /** Offset of the signature in an encoded sealed update of client {@code id} (SealedUpdateCodec layout). */
    private static int signatureOffset(String id) {
        return 4 + 1 + 2 + FEDERATION.getBytes(StandardCharsets.UTF_8).length + 8 + 2
                + id.getBytes(StandardCharsets.UTF_8).length + 8 + 32 + 32 + 32;
    }

    private static byte[] flip(byte[] bytes, int index) {
        byte[] b = bytes.clone();
        b[index] ^= 0x01;
        return b;
    }

    @Test
    void everyTamperingCaseIsRejectedCountedAndTheRoundClosesOnTheHonestUpdates() {
        for (String id : MEMBERS) {
            if (!id.equals("stranger")) {
                sealer(id);
                enrolled.enrol(id, identities.get(id).publicKey());
            }
        }
        EnvelopeUpdateOpener opener = new EnvelopeUpdateOpener(FEDERATION, enrolled, aead, random);
        // Last round: its key, and an update "replay" sent then (captured on the wire).
        byte[] lastRoundKey = opener.beginRound(ROUND - 1);
        byte[] lastRoundUpdate = seal("replay", ROUND - 1, lastRoundKey, new float[] {9f, 9f});

        Map<String, TestProbe<ClientMessage>> probes = new LinkedHashMap<>();
        Map<String, ActorRef<ClientMessage>> cohort = new LinkedHashMap<>();
        Map<String, Long> seeds = new LinkedHashMap<>();
        for (String id : MEMBERS) {
            TestProbe<ClientMessage> p = KIT.createTestProbe();
            probes.put(id, p);
            cohort.put(id, p.ref());
            seeds.put(id, 1L);
        }
        TestProbe<RoundCollector.Closed> parent = KIT.createTestProbe();
        TestProbe<CoordinatorMessage> inbox = KIT.createTestProbe();
        WeightedSum sum = new WeightedSum(2);
        RoundPlan plan = new RoundPlan(ROUND, VERSION, "tiny", 2, params, TrainConfig.defaults(),
                SecurityMode.ENVELOPE, cohort, seeds, 2, Duration.ofSeconds(120), Duration.ofSeconds(10), inbox.ref());
        ActorRef<RoundCollector.Command> collector = KIT.spawn(RoundCollector.create(plan, sum,
                PerUpdateCollection.factory(opener, blobs), parent.ref()));
        byte[] roundKey = null;
        for (TestProbe<ClientMessage> p : probes.values()) {
            TrainInstruction ins = p.expectMessageClass(TrainInstruction.class, WAIT);
            assertEquals(SecurityMode.ENVELOPE, ins.security());
            assertNotNull(ins.roundKey());
            if (roundKey != null) {
                assertArrayEquals(roundKey, ins.roundKey(), "one key per round for the whole cohort");
            }
            roundKey = ins.roundKey();
        }
        assertTrue(!java.util.Arrays.equals(roundKey, lastRoundKey), "a fresh key every round");

        Map<String, byte[]> sealed = new LinkedHashMap<>();
        sealed.put("h1", seal("h1", ROUND, roundKey, new float[] {1f, 2f}));
        sealed.put("h2", seal("h2", ROUND, roundKey, new float[] {3f, -2f}));
        byte[] body = seal("body", ROUND, roundKey, new float[] {5f, 5f});
        // A bit in the middle of the first segment's ciphertext body (after the 40-byte AEAD header).
        sealed.put("body", flip(body, signatureOffset("body") + 64 + 4 + 40 + 3));
        byte[] tag = seal("tag", ROUND, roundKey, new float[] {5f, 5f});
        sealed.put("tag", flip(tag, tag.length - 1)); // the last segment's tag
        byte[] header = seal("header", ROUND, roundKey, new float[] {5f, 5f});
        // The header's round (8 bytes big-endian after magic, version and the federation id): 3 becomes 2.
        sealed.put("header", flip(header, 4 + 1 + 2 + FEDERATION.length() + 7));
        byte[] sig = seal("sig", ROUND, roundKey, new float[] {5f, 5f});
        sealed.put("sig", flip(sig, signatureOffset("sig") + 10));
        sealed.put("replay", lastRoundUpdate);
        // Honestly bound to this round, but sealed to last round's key.
        sealed.put("oldkey", sealer("oldkey").seal(new UpdatePayload(ROUND, "oldkey", VERSION, new float[] {5f, 5f}),
                new SealContext(ROUND, "oldkey", VERSION, params.sha256(), lastRoundKey)));
        sealed.put("stranger", seal("stranger", ROUND, roundKey, new float[] {5f, 5f}));

        sealed.forEach((id, bytes) -> collector.tell(new RoundCollector.Submit(new SubmitUpdate(ROUND, id, VERSION,
                params.sha256(), 10, blobs.publish(bytes), ClientReport.NONE, probes.get(id).ref()))));

        probes.get("h1").expectMessageClass(UpdateAccepted.class, WAIT);
        probes.get("h2").expectMessageClass(UpdateAccepted.class, WAIT);
        Map<String, RejectReason> expected = new LinkedHashMap<>();
        expected.put("body", RejectReason.TAMPERED);
        expected.put("tag", RejectReason.BAD_SIGNATURE);
        expected.put("header", RejectReason.BAD_SIGNATURE);
        expected.put("sig", RejectReason.BAD_SIGNATURE);
        expected.put("replay", RejectReason.REPLAY);
        expected.put("oldkey", RejectReason.WRONG_KEY);
        expected.put("stranger", RejectReason.UNENROLLED);
        expected.forEach((id, reason) -> {
            UpdateRejected r = probes.get(id).expectMessageClass(UpdateRejected.class, WAIT);
            assertEquals(reason, r.reason(), id + ": " + r.detail());
        });

        RoundCollector.Closed c = parent.expectMessageClass(RoundCollector.Closed.class, WAIT);
        assertEquals("all-answered", c.closedBy().key());
        assertEquals(2, c.accepted());
        assertTrue(c.quorumMet());
        assertEquals(Map.of(RejectReason.TAMPERED, 1, RejectReason.BAD_SIGNATURE, 3, RejectReason.REPLAY, 1,
                RejectReason.WRONG_KEY, 1, RejectReason.UNENROLLED, 1), c.rejected());
        // Only the honest deltas reached the aggregate, decrypted exactly.
        assertArrayEquals(new float[] {2f, 0f}, sum.mean());
        assertEquals(sealed.get("h1").length + sealed.get("h2").length, c.bytesUp());
    }

    @Test
    void anUpdateSubmittedUnderAnotherMembersIdIsRefused() {
        sealer("a");
        enrolled.enrol("a", identities.get("a").publicKey());
        sealer("b");
        enrolled.enrol("b", identities.get("b").publicKey());
        EnvelopeUpdateOpener opener = new EnvelopeUpdateOpener(FEDERATION, enrolled, aead, random);
        TestProbe<ClientMessage> a = KIT.createTestProbe();
        TestProbe<ClientMessage> b = KIT.createTestProbe();
        TestProbe<RoundCollector.Closed> parent = KIT.createTestProbe();
        WeightedSum sum = new WeightedSum(2);
        RoundPlan plan = new RoundPlan(ROUND, VERSION, "tiny", 2, params, TrainConfig.defaults(),
                SecurityMode.ENVELOPE, Map.of("a", a.ref(), "b", b.ref()), Map.of("a", 1L, "b", 2L), 1,
                Duration.ofSeconds(120), Duration.ofSeconds(10), KIT.<CoordinatorMessage>createTestProbe().ref());
        ActorRef<RoundCollector.Command> collector = KIT.spawn(RoundCollector.create(plan, sum,
                PerUpdateCollection.factory(opener, blobs), parent.ref()));
        byte[] key = a.expectMessageClass(TrainInstruction.class, WAIT).roundKey();
        b.expectMessageClass(TrainInstruction.class, WAIT);
        byte[] ofA = seal("a", ROUND, key, new float[] {1f, 1f});
        // b resubmits a's envelope as its own: bound to a, so refused; a's own submission still counts.
        collector.tell(new RoundCollector.Submit(new SubmitUpdate(ROUND, "b", VERSION, params.sha256(), 10,
                blobs.publish(ofA), ClientReport.NONE, b.ref())));
        assertEquals(RejectReason.WRONG_BINDING, b.expectMessageClass(UpdateRejected.class, WAIT).reason());
        collector.tell(new RoundCollector.Submit(new SubmitUpdate(ROUND, "a", VERSION, params.sha256(), 10,
                blobs.publish(ofA), ClientReport.NONE, a.ref())));
        a.expectMessageClass(UpdateAccepted.class, WAIT);
        RoundCollector.Closed c = parent.expectMessageClass(RoundCollector.Closed.class, WAIT);
        assertEquals(1, c.accepted());
        assertEquals(Map.of(RejectReason.WRONG_BINDING, 1), c.rejected());
        assertArrayEquals(new float[] {1f, 1f}, sum.mean());
    }
}
