package io.flotilla.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.actor.typed.receptionist.Receptionist;
import com.typesafe.config.ConfigFactory;
import io.flotilla.aggregation.FedAvg;
import io.flotilla.model.ModelLayout;
import io.flotilla.model.ParameterSet;
import io.flotilla.model.TensorSpec;
import io.flotilla.wire.RejectReason;
import io.flotilla.wire.protocol.AnnounceClient;
import io.flotilla.wire.protocol.ClientMessage;
import io.flotilla.wire.protocol.ClientReport;
import io.flotilla.wire.protocol.CoordinatorMessage;
import io.flotilla.wire.protocol.FederationEnded;
import io.flotilla.wire.protocol.RefuseInstruction;
import io.flotilla.wire.protocol.ServiceKeys;
import io.flotilla.wire.protocol.SubmitUpdate;
import io.flotilla.wire.protocol.TrainInstruction;
import io.flotilla.wire.protocol.UpdateAccepted;
import io.flotilla.wire.protocol.UpdateRejected;
import io.flotilla.wire.seal.CoordinatorProtection;
import io.flotilla.wire.update.InsecurePlaintextUpdates;
import io.flotilla.wire.update.UpdatePayload;
import io.flotilla.wire.transfer.BlobRef;
import io.flotilla.wire.transfer.InProcessBlobExchange;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The coordinator's round loop when rounds fail (issue 14, section 2): clients still training are not offered a
 * round, "busy" is not an answer, and an abandoned round is retried under its number instead of burning the run.
 */
class CoordinatorRetryTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ModelLayout LAYOUT = ModelLayout.of(TensorSpec.weight("w", 2), TensorSpec.bias("b", 1));

    @TempDir
    Path dir;

    private final ActorTestKit kit = ActorTestKit.create();
    private final InProcessBlobExchange blobs = new InProcessBlobExchange();

    @AfterEach
    void shutdown() {
        kit.shutdownTestKit();
    }

    private CoordinatorConfig config(int rounds, String extra) {
        return CoordinatorConfig.from(ConfigFactory.parseString("flotilla { rounds = " + rounds
                + ", model = tiny, min_available_clients = 3, min_fit_clients = 2, round_timeout = 60s, "
                + "security = none, checkpoint.dir = \"" + dir.resolve("ckpt") + "\", checkpoint.keep = 2, "
                + "metrics.file = \"" + dir.resolve("rounds.jsonl") + "\", round.retry_backoff_min = 50ms, "
                + "round.retry_backoff_max = 200ms " + extra + " }").withFallback(ConfigFactory.load()));
    }

    private void start(CoordinatorConfig cfg, TestProbe<RoundMetrics> listener) {
        ParameterSet initial = ParameterSet.copyOf(LAYOUT, new float[] {1f, 2f, 3f});
        kit.spawn(Coordinator.create(cfg, new CoordinatorResources(initial, new FedAvg(), blobs,
                new CoordinatorProtection.PerUpdate(new InsecurePlaintextUpdates()), null, null, listener.ref())));
    }

    /**
     * The run: two members refuse round 1, which closes early (quorum unreachable) while the third is still
     * training. Before, round 2 started at once, the third answered "busy" and every later round closed the same way.
     * Now round 1 is abandoned without using up its number, the still-training member is not offered a round until
     * it answers, and round 1 runs again, then round 2.
     */
    @Test
    void aRoundClosedEarlyByRefusalsIsRetriedUnderItsNumberOnceTheMemberStillTrainingIsFree() throws Exception {
        TestProbe<RoundMetrics> listener = kit.createTestProbe();
        start(config(2, ""), listener);
        List<TestProbe<ClientMessage>> clients = joinClients(coordinatorInbox());
        TrainInstruction stillTraining = null;
        for (int i = 0; i < 3; i++) {
            TrainInstruction ins = nextInstruction(clients.get(i));
            assertEquals(1, ins.round());
            if (i < 2) {
                ins.replyTo().tell(new RefuseInstruction(1, "c" + i, "simulated dropout", clients.get(i).ref()));
            } else {
                stillTraining = ins;
            }
        }
        RoundMetrics first = listener.expectMessageClass(RoundMetrics.class, WAIT);
        assertEquals(1, first.round());
        assertEquals(RoundStatus.ABANDONED, first.status());
        assertEquals(CloseCause.QUORUM_UNREACHABLE, first.closedBy());
        assertEquals(1, first.attempt());
        assertTrue(new CheckpointStore(dir.resolve("ckpt"), 2).latestValid().isEmpty(),
                "an abandoned attempt writes no checkpoint: the newest still means the last completed round");

        // The member finishes its round-1 training: late, and free again.
        BlobRef payload = blobs.publish(new UpdatePayload(1, "c2", 0, new float[3]).toBytes());
        stillTraining.replyTo().tell(new SubmitUpdate(1, "c2", 0, stillTraining.parameters().sha256(), 1, payload,
                ClientReport.NONE, clients.get(2).ref()));
        assertEquals(RejectReason.LATE, clients.get(2).expectMessageClass(UpdateRejected.class, WAIT).reason());

        for (int round = 1; round <= 2; round++) {
            for (int i = 0; i < 3; i++) {
                TrainInstruction ins = nextInstruction(clients.get(i));
                assertEquals(round, ins.round(), "round 1 runs again before round 2");
                answer(clients.get(i), "c" + i, ins, new float[] {1f, 1f, 1f}, 1);
            }
            RoundMetrics m = listener.expectMessageClass(RoundMetrics.class, WAIT);
            assertEquals(round, m.round());
            assertEquals(RoundStatus.COMPLETED, m.status());
            assertEquals(round == 1 ? 2 : 1, m.attempt(), m.toJson());
            assertEquals(round, m.modelVersion());
        }
        List<String> lines = Files.readAllLines(dir.resolve("rounds.jsonl"));
        assertEquals(3, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(0).contains("\"round\":1,\"status\":\"abandoned\"") && lines.get(0)
                .contains("\"attempt\":1"), lines.get(0));
        assertTrue(lines.get(1).contains("\"round\":1,\"status\":\"completed\"") && lines.get(1)
                .contains("\"attempt\":2"), lines.get(1));
        assertEquals(2, new CheckpointStore(dir.resolve("ckpt"), 2).latestValid().orElseThrow().round());
        // Training is over: every registered client is told, so a client process can exit.
        for (TestProbe<ClientMessage> c : clients) {
            assertEquals(new FederationEnded(2, 2, "federation-complete"),
                    c.expectMessageClass(FederationEnded.class, WAIT));
        }
    }

    @Test
    void trainingStopsWithAClearReasonAfterTheConfiguredNumberOfAbandonedAttemptsInARow() throws Exception {
        TestProbe<RoundMetrics> listener = kit.createTestProbe();
        start(config(5, ", round.max_consecutive_abandoned = 2"), listener);
        List<TestProbe<ClientMessage>> clients = joinClients(coordinatorInbox());
        for (int attempt = 1; attempt <= 2; attempt++) {
            for (int i = 0; i < 3; i++) {
                TrainInstruction ins = nextInstruction(clients.get(i));
                assertEquals(1, ins.round());
                ins.replyTo().tell(new RefuseInstruction(1, "c" + i, "no local training data",
                        clients.get(i).ref()));
            }
            RoundMetrics m = listener.expectMessageClass(RoundMetrics.class, WAIT);
            assertEquals(RoundStatus.ABANDONED, m.status());
            assertEquals(1, m.round());
            assertEquals(attempt, m.attempt());
        }
        RoundMetrics stop = listener.expectMessageClass(RoundMetrics.class, WAIT);
        assertEquals(RoundStatus.STOPPED, stop.status());
        assertEquals(CloseCause.TOO_MANY_ABANDONED, stop.closedBy());
        assertTrue(stop.endsTraining(5));
        for (TestProbe<ClientMessage> c : clients) {
            assertEquals("too-many-abandoned", c.expectMessageClass(FederationEnded.class, WAIT).reason());
        }
        assertEquals(3, Files.readAllLines(dir.resolve("rounds.jsonl")).size());
    }

    /** "Busy with an earlier round" is no answer: the round waits for its deadline instead of closing on it. */
    @Test
    void aBusyRefusalIsNotAnAnswerAndDoesNotCloseTheRound() throws Exception {
        TestProbe<RoundMetrics> listener = kit.createTestProbe();
        start(config(1, ", round_timeout = 2s"), listener);
        List<TestProbe<ClientMessage>> clients = joinClients(coordinatorInbox());
        for (int i = 0; i < 3; i++) {
            TrainInstruction ins = nextInstruction(clients.get(i));
            if (i < 2) {
                answer(clients.get(i), "c" + i, ins, new float[] {1f, 1f, 1f}, 1);
            } else {
                ins.replyTo().tell(RefuseInstruction.busy(1, "c2", 7, clients.get(i).ref()));
            }
        }
        RoundMetrics m = listener.expectMessageClass(RoundMetrics.class, WAIT);
        assertEquals(RoundStatus.COMPLETED, m.status());
        assertEquals(CloseCause.DEADLINE, m.closedBy(), "all-answered would mean the busy refusal was an answer");
        assertEquals(0, m.refused());
    }

    private ActorRef<CoordinatorMessage> coordinatorInbox() throws InterruptedException {
        TestProbe<Receptionist.Listing> probe = kit.createTestProbe();
        for (int i = 0; i < 100; i++) {
            kit.system().receptionist().tell(Receptionist.find(ServiceKeys.COORDINATOR, probe.ref()));
            var found = probe.expectMessageClass(Receptionist.Listing.class, WAIT)
                    .getServiceInstances(ServiceKeys.COORDINATOR);
            if (!found.isEmpty()) {
                return found.iterator().next();
            }
            Thread.sleep(100); // polling the Receptionist until the singleton registered, not waiting for luck
        }
        throw new AssertionError("coordinator never registered");
    }

    private List<TestProbe<ClientMessage>> joinClients(ActorRef<CoordinatorMessage> inbox) {
        List<TestProbe<ClientMessage>> clients = List.of(kit.createTestProbe("c0"), kit.createTestProbe("c1"),
                kit.createTestProbe("c2"));
        for (int i = 0; i < clients.size(); i++) {
            kit.system().receptionist().tell(Receptionist.register(ServiceKeys.CLIENTS, clients.get(i).ref()));
            inbox.tell(new AnnounceClient("c" + i, 10, List.of("tiny"), clients.get(i).ref()));
        }
        return clients;
    }

    private static TrainInstruction nextInstruction(TestProbe<ClientMessage> client) {
        return client.expectMessageClass(TrainInstruction.class, WAIT);
    }

    private void answer(TestProbe<ClientMessage> client, String id, TrainInstruction ins, float[] delta,
                        int examples) {
        BlobRef payload = blobs.publish(new UpdatePayload(ins.round(), id, ins.modelVersion(), delta).toBytes());
        ins.replyTo().tell(new SubmitUpdate(ins.round(), id, ins.modelVersion(), ins.parameters().sha256(), examples,
                payload, ClientReport.NONE, client.ref()));
        client.expectMessageClass(UpdateAccepted.class, WAIT);
    }
}
