package io.flotilla.coordinator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import io.flotilla.wire.protocol.RefuseInstruction;
import io.flotilla.wire.SecurityMode;
import io.flotilla.wire.protocol.SubmitUpdate;
import io.flotilla.wire.protocol.TrainInstruction;
import io.flotilla.wire.protocol.UpdateAccepted;
import io.flotilla.wire.protocol.UpdateRejected;
import io.flotilla.wire.update.InsecurePlaintextUpdates;
import io.flotilla.wire.update.UpdatePayload;
import io.flotilla.wire.transfer.BlobRef;
import io.flotilla.wire.transfer.InProcessBlobExchange;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class RoundCollectorTest {
    private static final ActorTestKit KIT = ActorTestKit.create();
    private static final Duration LONG = Duration.ofSeconds(60);
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final InProcessBlobExchange blobs = new InProcessBlobExchange();
    private final BlobRef params = blobs.publish(GlobalParameters.encode(new float[] {0f, 0f}));

    @AfterAll
    static void shutdown() {
        KIT.shutdownTestKit();
    }

    /** A running round with members a, b, c; each member probe has received its instruction. */
    private final class Round {
        final Map<String, TestProbe<ClientMessage>> members = new LinkedHashMap<>();
        final TestProbe<RoundCollector.Closed> parent = KIT.createTestProbe();
        final TestProbe<CoordinatorMessage> inbox = KIT.createTestProbe();
        final WeightedSum sum = new WeightedSum(2);
        final ActorRef<RoundCollector.Command> collector;
        final Map<String, TrainInstruction> instructions = new LinkedHashMap<>();

        Round(int quorum, Duration timeout) {
            Map<String, ActorRef<ClientMessage>> cohort = new LinkedHashMap<>();
            Map<String, Long> seeds = new LinkedHashMap<>();
            for (String id : new String[] {"a", "b", "c"}) {
                TestProbe<ClientMessage> p = KIT.createTestProbe();
                members.put(id, p);
                cohort.put(id, p.ref());
                seeds.put(id, (long) id.charAt(0));
            }
            RoundPlan plan = new RoundPlan(3, 2, "tiny", 2, params, TrainConfig.defaults(), SecurityMode.NONE, cohort,
                    seeds, quorum, timeout, Duration.ofSeconds(10), inbox.ref());
            collector = KIT.spawn(RoundCollector.create(plan, sum,
                PerUpdateCollection.factory(new InsecurePlaintextUpdates(), blobs), parent.ref()));
            members.forEach((id, p) -> instructions.put(id, p.expectMessageClass(TrainInstruction.class, WAIT)));
        }

        void submit(String id, int round, long version, float[] delta, int examples) {
            submitFrom(id, id, round, version, delta, examples);
        }

        void submitFrom(String sender, String payloadId, int round, long version, float[] delta, int examples) {
            BlobRef payload = blobs.publish(new UpdatePayload(round, payloadId, version, delta).toBytes());
            TestProbe<ClientMessage> replyTo = members.containsKey(sender) ? members.get(sender)
                    : KIT.createTestProbe();
            collector.tell(new RoundCollector.Submit(new SubmitUpdate(round, sender, version, params.sha256(),
                    examples, payload, ClientReport.NONE, replyTo.ref())));
        }

        UpdateRejected expectRejected(String id, RejectReason reason) {
            UpdateRejected r = members.get(id).expectMessageClass(UpdateRejected.class, WAIT);
            assertEquals(reason, r.reason(), r.detail());
            return r;
        }

        void expectAccepted(String id) {
            members.get(id).expectMessageClass(UpdateAccepted.class, WAIT);
        }
    }

    @Test
    void instructionsCarryTheRoundBindingAndEachMembersSeed() {
        Round r = new Round(2, LONG);
        TrainInstruction a = r.instructions.get("a");
        assertEquals(3, a.round());
        assertEquals(2, a.modelVersion());
        assertEquals(params, a.parameters());
        assertEquals('a', a.seed());
        assertEquals('c', r.instructions.get("c").seed());
        assertEquals(r.inbox.ref(), a.replyTo());
    }

    @Test
    void closesWhenAllAnsweredWithTheExactWeightedMean() {
        Round r = new Round(3, LONG);
        r.submit("a", 3, 2, new float[] {1f, 2f}, 1);
        r.submit("b", 3, 2, new float[] {3f, 4f}, 3);
        r.submit("c", 3, 2, new float[] {-1f, 0f}, 4);
        r.expectAccepted("a");
        r.expectAccepted("b");
        r.expectAccepted("c");
        RoundCollector.Closed c = r.parent.expectMessageClass(RoundCollector.Closed.class, WAIT);
        assertEquals("all-answered", c.closedBy().key());
        assertTrue(c.quorumMet());
        assertEquals(3, c.accepted());
        // (1*1 + 3*3 - 4*1) / 8 = 0.75, (1*2 + 3*4 + 0) / 8 = 1.75
        assertArrayEquals(new float[] {0.75f, 1.75f}, r.sum.mean());
        assertEquals(8, r.sum.totalWeight());
    }

    @Test
    void closesAtTheDeadlineWithQuorum() {
        Round r = new Round(2, Duration.ofSeconds(2));
        r.submit("a", 3, 2, new float[] {1f, 1f}, 5);
        r.submit("b", 3, 2, new float[] {3f, 3f}, 5);
        RoundCollector.Closed c = r.parent.expectMessageClass(RoundCollector.Closed.class, WAIT);
        assertEquals("deadline", c.closedBy().key());
        assertTrue(c.quorumMet());
        assertArrayEquals(new float[] {2f, 2f}, r.sum.mean());
    }

    @Test
    void deadlineShortOfQuorumAbandonsTheRound() {
        Round r = new Round(2, Duration.ofSeconds(2));
        r.submit("a", 3, 2, new float[] {1f, 1f}, 5);
        r.expectAccepted("a");
        RoundCollector.Closed c = r.parent.expectMessageClass(RoundCollector.Closed.class, WAIT);
        assertEquals("deadline", c.closedBy().key());
        assertFalse(c.quorumMet());
        assertEquals(1, c.accepted());
    }

    @Test
    void duplicateIsRejectedAndCountedAndTheFirstUpdateStands() {
        Round r = new Round(3, LONG);
        r.submit("a", 3, 2, new float[] {1f, 1f}, 1);
        r.expectAccepted("a");
        r.submit("a", 3, 2, new float[] {100f, 100f}, 1);
        r.expectRejected("a", RejectReason.DUPLICATE);
        r.submit("b", 3, 2, new float[] {3f, 3f}, 1);
        r.submit("c", 3, 2, new float[] {5f, 5f}, 1);
        RoundCollector.Closed c = r.parent.expectMessageClass(RoundCollector.Closed.class, WAIT);
        assertEquals(Map.of(RejectReason.DUPLICATE, 1), c.rejected());
        assertArrayEquals(new float[] {3f, 3f}, r.sum.mean());
    }

    @Test
    void messagesNamingAMemberFromAnotherInboxAreDroppedCountedAndNeverItsAnswer() {
        Round r = new Round(3, LONG);
        TestProbe<ClientMessage> mallory = KIT.createTestProbe();
        // the attacks: refusals and a submission in a's and b's names, sent from mallory's own inbox
        r.collector.tell(new RoundCollector.Refuse(new RefuseInstruction(3, "a", "forged", mallory.ref())));
        r.collector.tell(new RoundCollector.Refuse(new RefuseInstruction(3, "b", "forged", mallory.ref())));
        BlobRef forged = blobs.publish(new UpdatePayload(3, "c", 2, new float[] {1000f, 1000f}).toBytes());
        r.collector.tell(new RoundCollector.Submit(new SubmitUpdate(3, "c", 2, params.sha256(), 1, forged,
                ClientReport.NONE, mallory.ref())));
        // the members' genuine answers all count: nothing was refused, nothing is a duplicate
        r.submit("a", 3, 2, new float[] {1f, 1f}, 1);
        r.expectAccepted("a");
        r.submit("b", 3, 2, new float[] {3f, 3f}, 1);
        r.expectAccepted("b");
        r.submit("c", 3, 2, new float[] {5f, 5f}, 1);
        r.expectAccepted("c");
        RoundCollector.Closed c = r.parent.expectMessageClass(RoundCollector.Closed.class, WAIT);
        assertEquals("all-answered", c.closedBy().key());
        assertEquals(3, c.accepted());
        assertEquals(Map.of(), c.refused());
        assertEquals(Map.of(RejectReason.WRONG_SENDER, 3), c.rejected());
        assertArrayEquals(new float[] {3f, 3f}, r.sum.mean());
        mallory.expectNoMessage(Duration.ofMillis(200));
    }

    @Test
    void staleRoundNotInCohortAndStaleModelAreRejectedAndTheRoundGoesOn() {
        Round r = new Round(2, LONG);
        r.submit("a", 2, 2, new float[] {1f, 1f}, 1);
        r.expectRejected("a", RejectReason.STALE_ROUND);
        TestProbe<ClientMessage> stranger = KIT.createTestProbe();
        BlobRef payload = blobs.publish(new UpdatePayload(3, "mallory", 2, new float[] {9f, 9f}).toBytes());
        r.collector.tell(new RoundCollector.Submit(new SubmitUpdate(3, "mallory", 2, params.sha256(), 1, payload,
                ClientReport.NONE, stranger.ref())));
        assertEquals(RejectReason.NOT_IN_COHORT, stranger.expectMessageClass(UpdateRejected.class, WAIT).reason());
        r.submit("b", 3, 1, new float[] {1f, 1f}, 1);
        r.expectRejected("b", RejectReason.STALE_MODEL);
        // a's stale-round update did not use up its turn: its real update is accepted.
        r.submit("a", 3, 2, new float[] {2f, 4f}, 1);
        r.expectAccepted("a");
        r.submit("c", 3, 2, new float[] {4f, 2f}, 1);
        r.expectAccepted("c");
        RoundCollector.Closed c = r.parent.expectMessageClass(RoundCollector.Closed.class, WAIT);
        assertEquals("all-answered", c.closedBy().key());
        assertEquals(Map.of(RejectReason.STALE_ROUND, 1, RejectReason.NOT_IN_COHORT, 1, RejectReason.STALE_MODEL, 1),
                c.rejected());
        assertArrayEquals(new float[] {3f, 3f}, r.sum.mean());
    }

    @Test
    void wrongShapeNonFiniteBadExamplesAndMisboundPayloadsAreRejected() {
        Round r = new Round(1, LONG);
        r.submit("a", 3, 2, new float[] {1f}, 1);
        r.expectRejected("a", RejectReason.WRONG_SHAPE);
        r.submit("b", 3, 2, new float[] {1f, Float.NaN}, 1);
        assertTrue(r.expectRejected("b", RejectReason.NON_FINITE).detail().contains("index 1"));
        // c sends a payload bound to client a: the binding check refuses it.
        r.submitFrom("c", "a", 3, 2, new float[] {1f, 1f}, 1);
        r.expectRejected("c", RejectReason.MALFORMED);
        RoundCollector.Closed c = r.parent.expectMessageClass(RoundCollector.Closed.class, WAIT);
        assertEquals("all-answered", c.closedBy().key());
        assertFalse(c.quorumMet());
        assertEquals(Map.of(RejectReason.WRONG_SHAPE, 1, RejectReason.NON_FINITE, 1, RejectReason.MALFORMED, 1),
                c.rejected());
        assertEquals(0, r.sum.count());
    }

    @Test
    void oversizePayloadAndInfinityAndZeroExamplesAreRejectedBeforeFolding() {
        Round r = new Round(1, LONG);
        r.submit("a", 3, 2, new float[1000], 1);
        assertTrue(r.expectRejected("a", RejectReason.WRONG_SHAPE).detail().contains("exceeds"));
        r.submit("b", 3, 2, new float[] {Float.NEGATIVE_INFINITY, 0f}, 1);
        r.expectRejected("b", RejectReason.NON_FINITE);
        r.submit("c", 3, 2, new float[] {1f, 1f}, 0);
        r.expectRejected("c", RejectReason.BAD_EXAMPLES);
        assertFalse(r.parent.expectMessageClass(RoundCollector.Closed.class, WAIT).quorumMet());
    }

    @Test
    void allClientsGoneAbandonsTheRoundWithoutWaitingForTheDeadline() {
        Round r = new Round(2, LONG);
        r.collector.tell(new RoundCollector.ClientGone("a"));
        r.collector.tell(new RoundCollector.ClientGone("b"));
        RoundCollector.Closed c = r.parent.expectMessageClass(RoundCollector.Closed.class, WAIT);
        assertEquals("quorum-unreachable", c.closedBy().key());
        assertEquals(2, c.gone());
        assertFalse(c.quorumMet());
    }

    @Test
    void refusalsAreRecordedWithTheirReasonAndEndTheWaitForThatMember() {
        Round r = new Round(2, LONG);
        r.collector.tell(new RoundCollector.Refuse(new RefuseInstruction(3, "a", "model tiny has 2 parameters",
                r.members.get("a").ref())));
        r.submit("b", 3, 2, new float[] {1f, 1f}, 1);
        r.submit("c", 3, 2, new float[] {3f, 3f}, 1);
        RoundCollector.Closed c = r.parent.expectMessageClass(RoundCollector.Closed.class, WAIT);
        assertEquals("all-answered", c.closedBy().key());
        assertEquals(Map.of("a", "model tiny has 2 parameters"), c.refused());
        assertTrue(c.quorumMet());
    }

    @Test
    void federatedEvaluationIsAveragedByExamples() {
        Round r = new Round(2, LONG);
        for (String id : new String[] {"a", "b"}) {
            double acc = id.equals("a") ? 0.5 : 1.0;
            BlobRef payload = blobs.publish(new UpdatePayload(3, id, 2, new float[] {1f, 1f}).toBytes());
            r.collector.tell(new RoundCollector.Submit(new SubmitUpdate(3, id, 2, params.sha256(), 1, payload,
                    ClientReport.trained(0.5, 0.5, 1.0).withEvaluation(id.equals("a") ? 10 : 30, 1.0, acc),
                    r.members.get(id).ref())));
        }
        r.collector.tell(new RoundCollector.ClientGone("c"));
        RoundCollector.Closed c = r.parent.expectMessageClass(RoundCollector.Closed.class, WAIT);
        assertEquals(40, c.evalExamples());
        assertEquals(0.875, c.evalAccuracySum() / c.evalExamples(), 1e-12);
    }

    /**
     * A collection child of a protocol the collector has never seen: it hands every command it gets to
     * {@code seen} and ends collection when member c drops, with figures of its own. The collector must need
     * nothing else from it: this is how a third protocol (buffered asynchronous aggregation) plugs in.
     */
    private static CollectionProtocol.Factory forwardingChild(TestProbe<CollectionProtocol.Command> seen) {
        return new CollectionProtocol.Factory() {
            @Override
            public byte[] beginRound(int round) {
                byte[] key = new byte[32];
                java.util.Arrays.fill(key, (byte) round);
                return key;
            }

            @Override
            public akka.actor.typed.Behavior<CollectionProtocol.Command> create(RoundPlan plan,
                    io.flotilla.aggregation.UpdateAccumulator accumulator,
                    ActorRef<CollectionProtocol.Outcome> parent) {
                return akka.actor.typed.javadsl.Behaviors.receiveMessage(cmd -> {
                    seen.ref().tell(cmd);
                    if (cmd instanceof CollectionProtocol.Dropped d && d.clientId().equals("c")) {
                        accumulator.add(new float[] {2f, 4f}, 2);
                        parent.tell(new CollectionProtocol.Outcome(CloseCause.DEADLINE, 2, Map.of(
                                "a", ClientReport.trained(0.2, 0.9, 3.0).withEvaluation(10, 1.5, 0.5),
                                // An evaluation without examples is absent, not zero.
                                "b", ClientReport.trained(0.3, 0.8, 1.0).withEvaluation(0, 2.0, 0.1),
                                "c", ClientReport.NONE), 7, Map.of(RejectReason.LATE, 1),
                                java.util.List.of(), null));
                        return akka.actor.typed.javadsl.Behaviors.stopped();
                    }
                    return akka.actor.typed.javadsl.Behaviors.same();
                });
            }
        };
    }

    @Test
    void anyCollectionChildPlugsInThroughTheProtocolAndOneOutcome() {
        Map<String, ActorRef<ClientMessage>> cohort = new LinkedHashMap<>();
        Map<String, TestProbe<ClientMessage>> probes = new LinkedHashMap<>();
        for (String id : new String[] {"a", "b", "c"}) {
            TestProbe<ClientMessage> p = KIT.createTestProbe();
            probes.put(id, p);
            cohort.put(id, p.ref());
        }
        TestProbe<CoordinatorMessage> inbox = KIT.createTestProbe();
        RoundPlan plan = new RoundPlan(9, 4, "tiny", 2, params, TrainConfig.defaults(), SecurityMode.NONE, cohort,
                Map.of("a", 1L, "b", 2L, "c", 3L), 2, LONG, Duration.ofSeconds(10), inbox.ref());
        TestProbe<CollectionProtocol.Command> seen = KIT.createTestProbe();
        TestProbe<RoundCollector.Closed> parent = KIT.createTestProbe();
        WeightedSum sum = new WeightedSum(2);
        ActorRef<RoundCollector.Command> collector = KIT.spawn(RoundCollector.create(plan, sum,
                forwardingChild(seen), parent.ref()));
        TrainInstruction ins = probes.get("a").expectMessageClass(TrainInstruction.class, WAIT);
        byte[] nines = new byte[32];
        java.util.Arrays.fill(nines, (byte) 9);
        assertArrayEquals(nines, ins.roundKey(), "the child's round key goes out with the instruction");
        SubmitUpdate u = new SubmitUpdate(9, "a", 4, params.sha256(), 1, params, ClientReport.NONE, probes.get("a").ref());
        collector.tell(new RoundCollector.Submit(u));
        assertEquals(u, seen.expectMessageClass(CollectionProtocol.Submitted.class, WAIT).update());
        // A refusal after submitting is no refusal; c's refusal is a drop.
        collector.tell(new RoundCollector.Refuse(new RefuseInstruction(9, "a", "busy", probes.get("a").ref())));
        collector.tell(new RoundCollector.Refuse(new RefuseInstruction(9, "c", "no data", probes.get("c").ref())));
        assertEquals("c", seen.expectMessageClass(CollectionProtocol.Dropped.class, WAIT).clientId());
        RoundCollector.Closed c = parent.expectMessageClass(RoundCollector.Closed.class, WAIT);
        assertEquals(CloseCause.DEADLINE, c.closedBy());
        assertEquals(2, c.accepted());
        assertTrue(c.quorumMet());
        assertEquals(Map.of("c", "no data"), c.refused());
        assertEquals(Map.of(RejectReason.LATE, 1), c.rejected());
        assertEquals(7, c.bytesUp());
        assertEquals(3.0, c.trainSecondsMax());
        assertEquals(4.0, c.trainSecondsSum());
        assertEquals(10, c.evalExamples());
        assertEquals(15.0, c.evalLossSum());
        assertEquals(5.0, c.evalAccuracySum());
        assertArrayEquals(new float[] {2f, 4f}, sum.mean(), "what the child folded is what the parent gets");
    }
}
