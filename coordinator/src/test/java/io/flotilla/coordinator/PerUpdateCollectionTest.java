package io.flotilla.coordinator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import io.flotilla.aggregation.WeightedSum;
import io.flotilla.fit.TrainConfig;
import io.flotilla.model.encoding.GlobalParameters;
import io.flotilla.wire.RejectReason;
import io.flotilla.wire.protocol.ClientMessage;
import io.flotilla.wire.protocol.ClientReport;
import io.flotilla.wire.protocol.CoordinatorMessage;
import io.flotilla.wire.protocol.SecAggKeysAdvertised;
import io.flotilla.wire.SecurityMode;
import io.flotilla.wire.protocol.SubmitUpdate;
import io.flotilla.wire.protocol.UpdateAccepted;
import io.flotilla.wire.protocol.UpdateRejected;
import io.flotilla.wire.update.InsecurePlaintextUpdates;
import io.flotilla.wire.update.UpdatePayload;
import io.flotilla.wire.transfer.BlobRef;
import io.flotilla.wire.transfer.InProcessBlobExchange;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class PerUpdateCollectionTest {
    private static final ActorTestKit KIT = ActorTestKit.create();
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final InProcessBlobExchange blobs = new InProcessBlobExchange();
    private final BlobRef params = blobs.publish(GlobalParameters.encode(new float[] {0f, 0f}));
    private final Map<String, TestProbe<ClientMessage>> members = new LinkedHashMap<>();
    private final TestProbe<CollectionProtocol.Outcome> parent = KIT.createTestProbe();
    private final WeightedSum sum = new WeightedSum(2);

    @AfterAll
    static void shutdown() {
        KIT.shutdownTestKit();
    }

    /** A collection of round 5 (model version 1) from members a, b, c, d, needing {@code quorum}. */
    private ActorRef<CollectionProtocol.Command> start(int quorum, Duration timeout) {
        Map<String, ActorRef<ClientMessage>> cohort = new LinkedHashMap<>();
        Map<String, Long> seeds = new LinkedHashMap<>();
        for (String id : List.of("a", "b", "c", "d")) {
            TestProbe<ClientMessage> p = KIT.createTestProbe();
            members.put(id, p);
            cohort.put(id, p.ref());
            seeds.put(id, 1L);
        }
        TestProbe<CoordinatorMessage> inbox = KIT.createTestProbe();
        RoundPlan plan = new RoundPlan(5, 1, "tiny", 2, params, TrainConfig.defaults(), SecurityMode.NONE, cohort,
                seeds, quorum, timeout, Duration.ofSeconds(10), inbox.ref());
        return KIT.spawn(PerUpdateCollection.factory(new InsecurePlaintextUpdates(), blobs)
                .create(plan, sum, parent.ref()));
    }

    private void submit(ActorRef<CollectionProtocol.Command> c, String id, float[] delta, int examples,
                        ClientReport report) {
        BlobRef payload = blobs.publish(new UpdatePayload(5, id, 1, delta).toBytes());
        c.tell(new CollectionProtocol.Submitted(new SubmitUpdate(5, id, 1, params.sha256(), examples, payload,
                report, members.get(id).ref())));
    }

    @Test
    void droppedMembersCountAsAnsweredSoCollectionEndsWhenTheRestHaveAnswered() {
        ActorRef<CollectionProtocol.Command> c = start(2, Duration.ofSeconds(60));
        c.tell(new CollectionProtocol.Dropped("c"));
        c.tell(new CollectionProtocol.Dropped("d"));
        submit(c, "a", new float[] {1f, 1f}, 1, ClientReport.trained(0.5, 0.5, 2.0));
        submit(c, "b", new float[] {3f, -1f}, 3, ClientReport.NONE);
        members.get("a").expectMessageClass(UpdateAccepted.class, WAIT);
        members.get("b").expectMessageClass(UpdateAccepted.class, WAIT);
        CollectionProtocol.Outcome o = parent.expectMessageClass(CollectionProtocol.Outcome.class, WAIT);
        assertEquals(CloseCause.ALL_ANSWERED, o.cause());
        assertEquals(2, o.accepted());
        assertEquals(Map.of("a", ClientReport.trained(0.5, 0.5, 2.0), "b", ClientReport.NONE), o.reports());
        assertEquals(List.of(), o.stages());
        assertNull(o.failure());
        assertArrayEquals(new float[] {2.5f, -0.5f}, sum.mean());
    }

    @Test
    void aRejectedUpdateAndTwoDropsMakeTheQuorumUnreachable() {
        ActorRef<CollectionProtocol.Command> c = start(3, Duration.ofSeconds(60));
        submit(c, "a", new float[] {Float.NaN, 0f}, 1, ClientReport.NONE);
        assertEquals(RejectReason.NON_FINITE, members.get("a").expectMessageClass(UpdateRejected.class, WAIT)
                .reason());
        c.tell(new CollectionProtocol.Dropped("b"));
        CollectionProtocol.Outcome o = parent.expectMessageClass(CollectionProtocol.Outcome.class, WAIT);
        assertEquals(CloseCause.QUORUM_UNREACHABLE, o.cause());
        assertEquals(0, o.accepted());
        assertEquals(Map.of(RejectReason.NON_FINITE, 1), o.rejected());
        assertEquals(0, sum.count());
    }

    @Test
    void secureAggregationMessagesAreNotItsProtocolAndChangeNothing() {
        ActorRef<CollectionProtocol.Command> c = start(1, Duration.ofMillis(800));
        c.tell(new CollectionProtocol.SecAggReceived(new SecAggKeysAdvertised(5, "a", 0, new byte[32],
                new byte[32], new byte[64])));
        submit(c, "b", new float[] {1f, 2f}, 2, ClientReport.NONE);
        members.get("b").expectMessageClass(UpdateAccepted.class, WAIT);
        CollectionProtocol.Outcome o = parent.expectMessageClass(CollectionProtocol.Outcome.class, WAIT);
        assertEquals(CloseCause.DEADLINE, o.cause());
        assertEquals(1, o.accepted());
        assertTrue(o.rejected().isEmpty(), o.rejected().toString());
    }
}
