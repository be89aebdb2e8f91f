package io.flotilla.wire.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.typed.ActorRef;
import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.javadsl.Adapter;
import akka.serialization.Serialization;
import akka.serialization.SerializationExtension;
import akka.serialization.Serializers;
import io.flotilla.fit.TrainConfig;
import io.flotilla.wire.RejectReason;
import io.flotilla.wire.SecurityMode;
import io.flotilla.wire.update.InsecurePlaintextUpdates;
import io.flotilla.wire.update.SealContext;
import io.flotilla.wire.update.UpdatePayload;
import io.flotilla.wire.transfer.BlobRef;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every protocol record crosses Akka serialization (Kryo, registration required) and comes back equal. */
class ProtocolMessageTest {
    private static ActorTestKit kit;
    private static Serialization serialization;
    private static final String SHA = "ab".repeat(32);

    @BeforeAll
    static void start() {
        kit = ActorTestKit.create("ProtocolMessageTest");
        serialization = SerializationExtension.get(Adapter.toClassic(kit.system()));
    }

    @AfterAll
    static void stop() {
        kit.shutdownTestKit();
    }

    private static Object roundTrip(Object message) {
        akka.serialization.Serializer s = serialization.findSerializerFor(message);
        byte[] bytes = serialization.serialize(message).get();
        return serialization.deserialize(bytes, s.identifier(), Serializers.manifestFor(s, message)).get();
    }

    @Test
    void theAnnouncedTestSplitIsReadFromTheCapabilitiesAndAnythingElseIsNotAnnounced() {
        TestProbe<ClientMessage> p = kit.createTestProbe();
        assertEquals(250, new AnnounceClient("c", 900, List.of("m", "test_examples:250"), p.ref()).testExamples());
        assertEquals(0, new AnnounceClient("c", 900, List.of("test_examples:0"), p.ref()).testExamples());
        for (String bad : new String[] {"test_examples:-5", "test_examples:", "test_examples:1e3",
            "test_examples:99999999999", "test_examples: 4"}) {
            assertEquals(-1, new AnnounceClient("c", 900, List.of(bad), p.ref()).testExamples(), bad);
        }
        assertEquals(-1, new AnnounceClient("c", 900, List.of("m", "security:none"), p.ref()).testExamples());
    }

    @Test
    void everyProtocolRecordRoundTrips() {
        TestProbe<ClientMessage> client = kit.createTestProbe();
        TestProbe<CoordinatorMessage> coordinator = kit.createTestProbe();
        BlobRef blob = new BlobRef(SHA, 1234, "akka://x/user/blobs");
        TrainConfig cfg = TrainConfig.defaults().withEpochs(2).withOptimizer(TrainConfig.Optimizer.ADAM);
        List<ProtocolMessage> messages = List.of(
                new AnnounceClient("c1", 600, List.of("mnist-2nn", "security:none"), client.ref()),
                new TrainInstruction(3, 2, "mnist-2nn", 199210, blob, cfg, -7L, 1_700_000_000_000L, null,
                        SecurityMode.NONE, coordinator.ref()),
                new TrainInstruction(3, 2, "mnist-2nn", 199210, blob, cfg, 7L, 1L, blob, SecurityMode.ENVELOPE,
                        coordinator.ref()),
                new TrainInstruction(3, 2, "mnist-2nn", 199210, blob, cfg, 7L, 1L, null, SecurityMode.ENVELOPE,
                        coordinator.ref(), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18,
                        19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32}),
                new SubmitUpdate(3, "c1", 2, SHA, 600, blob, ClientReport.trained(0.5, Double.NaN, Double.NaN).withEvaluation(10, 0.4, 0.8),
                        client.ref()),
                new RefuseInstruction(3, "c1", "model lenet, I run mnist-2nn", client.ref()),
                new TrainInstruction(3, 2, "mnist-2nn", 199210, blob, cfg, 7L, 1L, null, SecurityMode.NONE,
                        coordinator.ref(), null, new byte[] {9, 8, 7}),
                new EvaluateRequest(4, 3, blob, coordinator.ref()),
                new EvaluationReported(4, "c1", 3, 100, 0.4, 0.85),
                new UpdateAccepted(3, "c1"),
                new UpdateRejected(3, "c1", RejectReason.DUPLICATE, "second update"),
                RefuseInstruction.busy(4, "c1", 3, client.ref()),
                new FederationEnded(20, 20, "federation-complete"));
        for (ProtocolMessage m : messages) {
            assertEquals(m, roundTrip(m), m.getClass().getSimpleName());
        }
        TrainInstruction back = (TrainInstruction) roundTrip(messages.get(1));
        assertNull(back.mask());
        assertEquals(coordinator.ref(), back.replyTo());
    }

    @Test
    void decodedRecordsRunTheirValidation() {
        ActorRef<ClientMessage> someone = kit.<ClientMessage>createTestProbe().ref();
        assertThrows(IllegalArgumentException.class, () -> new RefuseInstruction(0, "c1", "why", someone));
        assertThrows(IllegalArgumentException.class, () -> new RefuseInstruction(1, "c1", "why", null));
        assertThrows(IllegalArgumentException.class, () -> new FederationEnded(-1, 0, "federation-complete"));
        assertThrows(IllegalArgumentException.class, () -> new FederationEnded(1, 0, ""));
        assertThrows(IllegalArgumentException.class, () -> new BlobRef("AB".repeat(32), 1, ""));
        assertThrows(IllegalArgumentException.class, () -> new AnnounceClient("x".repeat(129), 1, List.of(),
                kit.<ClientMessage>createTestProbe().ref()));
    }

    @Test
    void payloadRoundTripsThroughThePlaintextSealer() throws Exception {
        InsecurePlaintextUpdates plain = new InsecurePlaintextUpdates();
        UpdatePayload p = new UpdatePayload(5, "c9", 4, new float[] {1.5f, -2f, Float.MIN_VALUE});
        SealContext ctx = new SealContext(5, "c9", 4, SHA);
        byte[] sealed = plain.seal(p, ctx);
        assertEquals(UpdatePayload.encodedSize("c9", 3), sealed.length);
        UpdatePayload back = plain.open(sealed, ctx, 3);
        assertArrayEquals(p.delta(), back.delta());
        assertThrows(java.security.GeneralSecurityException.class,
                () -> plain.open(sealed, new SealContext(6, "c9", 4, SHA), 3));
        assertThrows(java.security.GeneralSecurityException.class,
                () -> plain.open(sealed, new SealContext(5, "c8", 4, SHA), 3));
        assertThrows(IllegalArgumentException.class, () -> plain.seal(p, new SealContext(5, "c9", 3, SHA)));
    }

    @Test
    void aBusyRefusalNamesTheRoundTheClientIsTrainingForAndAnyOtherReasonIsAnAnswer() {
        ActorRef<ClientMessage> c1 = kit.<ClientMessage>createTestProbe().ref();
        assertEquals(java.util.OptionalInt.of(3), RefuseInstruction.busy(4, "c1", 3, c1).busyWith());
        assertTrue(new RefuseInstruction(4, "c1", "no local training data", c1).busyWith().isEmpty());
        assertTrue(new RefuseInstruction(4, "c1", "busy with round x", c1).busyWith().isEmpty());
    }
}
