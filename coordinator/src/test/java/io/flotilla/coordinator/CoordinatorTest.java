package io.flotilla.coordinator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.actor.typed.receptionist.Receptionist;
import com.typesafe.config.ConfigFactory;
import io.flotilla.aggregation.FedAvg;
import io.flotilla.aggregation.Strategies;
import io.flotilla.aggregation.Strategy;
import io.flotilla.aggregation.UpdateAccumulator;
import io.flotilla.model.ModelLayout;
import io.flotilla.model.ParameterSet;
import io.flotilla.model.TensorSpec;
import io.flotilla.model.encoding.GlobalModelBlob;
import io.flotilla.model.encoding.GlobalParameters;
import io.flotilla.model.encoding.MaskBlob;
import io.flotilla.privacy.PrivacyLedger;
import io.flotilla.pruning.compression.UpdateCompressor;
import io.flotilla.wire.RejectReason;
import io.flotilla.wire.protocol.AnnounceClient;
import io.flotilla.wire.protocol.ClientMessage;
import io.flotilla.wire.protocol.ClientReport;
import io.flotilla.wire.protocol.CoordinatorMessage;
import io.flotilla.wire.protocol.EvaluateRequest;
import io.flotilla.wire.protocol.EvaluationReported;
import io.flotilla.wire.protocol.FederationEnded;
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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CoordinatorTest {
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
                + ", model = tiny, min_available_clients = 3, min_fit_clients = 2, round_timeout = 3s, "
                + "security = none, checkpoint.dir = \"" + dir.resolve("ckpt") + "\", checkpoint.keep = 2, metrics.file = \""
                + dir.resolve("rounds.jsonl") + "\" " + extra + " }").withFallback(ConfigFactory.load()));
    }

    private ActorRef<Coordinator.Command> start(CoordinatorConfig cfg, TestProbe<RoundMetrics> listener) {
        return start(cfg, listener, new FedAvg());
    }

    private ActorRef<Coordinator.Command> start(CoordinatorConfig cfg, TestProbe<RoundMetrics> listener,
                                                Strategy strategy) {
        ParameterSet initial = ParameterSet.copyOf(LAYOUT, new float[] {1f, 2f, 3f});
        return kit.spawn(Coordinator.create(cfg, new CoordinatorResources(initial, strategy, blobs,
                new CoordinatorProtection.PerUpdate(new InsecurePlaintextUpdates()), null, null, listener.ref())));
    }

    private static final float[][] DELTAS = {{0f, 0.5f, -1f}, {1f, -0.25f, 0.5f}, {2f, 0.125f, 0.25f}};

    /** Every client answers round {@code round} with {@code DELTAS[i] * round}, weights 1:2:3; returns the plan. */
    private List<TrainInstruction> playRound(List<TestProbe<ClientMessage>> clients, int round) {
        List<TrainInstruction> sent = new java.util.ArrayList<>();
        for (int i = 0; i < clients.size(); i++) {
            TrainInstruction ins = nextInstruction(clients.get(i));
            assertEquals(round, ins.round());
            sent.add(ins);
        }
        for (int i = 0; i < clients.size(); i++) {
            answer(clients.get(i), "c" + i, sent.get(i), scaled(DELTAS[i], round), i + 1);
        }
        return sent;
    }

    private static float[] scaled(float[] d, int k) {
        float[] out = d.clone();
        for (int j = 0; j < out.length; j++) {
            out[j] *= k;
        }
        return out;
    }

    @Test
    void aCheckpointOfAnotherModelInItsDirectoryIsSkippedAndTheFederationStartsFresh() throws Exception {
        // A directory reused from a federation of another model: its newer checkpoint must not be resumed from.
        ModelLayout other = ModelLayout.of(TensorSpec.weight("fc.weight", 4), TensorSpec.bias("fc.bias", 2));
        new CheckpointStore(dir.resolve("ckpt"), 2).write(new Checkpoint(7, 7, 99,
                ParameterSet.copyOf(other, new float[6]), Map.of(), "{}"));
        TestProbe<RoundMetrics> listener = kit.createTestProbe();
        start(config(1, ""), listener);
        List<TestProbe<ClientMessage>> clients = joinClients(coordinatorInbox());
        playRound(clients, 1);
        RoundMetrics m = listener.expectMessageClass(RoundMetrics.class, WAIT);
        assertEquals(1, m.round(), "started from round 1, not from the foreign round 7");
        Checkpoint own = new CheckpointStore(dir.resolve("ckpt"), 2).latestValid(LAYOUT).orElseThrow();
        assertEquals(1, own.round());
        assertEquals(LAYOUT, own.parameters().layout());
    }

    @Test
    void fedAdamServerStateSurvivesACoordinatorRestart() throws Exception {
        CoordinatorConfig cfg = config(3, ", strategy { name = fedadam, eta = 0.1, tau = 0.001 }");
        TestProbe<RoundMetrics> listener = kit.createTestProbe();
        ActorRef<Coordinator.Command> coordinator = start(cfg, listener, StrategyFactory.create(cfg));
        List<TestProbe<ClientMessage>> clients = joinClients(coordinatorInbox());
        playRound(clients, 1);
        listener.expectMessageClass(RoundMetrics.class, WAIT);
        playRound(clients, 2);
        listener.expectMessageClass(RoundMetrics.class, WAIT);
        for (TestProbe<ClientMessage> c : clients) {
            assertEquals(3, nextInstruction(c).round());
        }
        kit.stop(coordinator, WAIT);
        Checkpoint two = new CheckpointStore(dir.resolve("ckpt"), 2).latestValid().orElseThrow();
        assertEquals(java.util.Set.of("m", "v"), two.strategyState().keySet());

        // A fresh process: a new strategy object whose moments come only from the checkpoint.
        assertEquals(3, resumeAndPlayRoundThree(cfg, coordinator, clients).round());

        // The same three rounds without a restart, by hand.
        Strategy adam = Strategies.create(cfg.strategySettings());
        ParameterSet g = adam.initialize(ParameterSet.copyOf(LAYOUT, new float[] {1f, 2f, 3f}));
        for (int r = 1; r <= 3; r++) {
            UpdateAccumulator acc = adam.newAccumulator(LAYOUT);
            for (int i = 0; i < 3; i++) {
                acc.add(scaled(DELTAS[i], r), i + 1);
            }
            g = adam.aggregateFit(r, g, acc).orElseThrow();
        }
        Checkpoint three = new CheckpointStore(dir.resolve("ckpt"), 2).latestValid().orElseThrow();
        assertEquals(3, three.round());
        assertArrayEquals(g.values(), three.parameters().values(), 0f);
        // Without the restored moments round 3 would differ.
        Strategy cold = Strategies.create(cfg.strategySettings());
        UpdateAccumulator acc = cold.newAccumulator(LAYOUT);
        for (int i = 0; i < 3; i++) {
            acc.add(scaled(DELTAS[i], 3), i + 1);
        }
        float[] coldResult = cold.aggregateFit(3, two.parameters(), acc).orElseThrow().values();
        assertTrue(!java.util.Arrays.equals(coldResult, three.parameters().values()), "moments mattered");
    }

    @Test
    void aCoordinatorRestartedAfterItsLastRoundSaysTheFederationIsCompleteAndRunsMoreWhenRoundsRise()
            throws Exception {
        CoordinatorConfig one = config(1, "");
        TestProbe<RoundMetrics> listener = kit.createTestProbe();
        ActorRef<Coordinator.Command> first = start(one, listener);
        List<TestProbe<ClientMessage>> clients = joinClients(coordinatorInbox());
        playRound(clients, 1);
        assertEquals(RoundStatus.COMPLETED, listener.expectMessageClass(RoundMetrics.class, WAIT).status());
        for (TestProbe<ClientMessage> c : clients) {
            assertEquals(new FederationEnded(1, 1, "federation-complete"),
                    c.expectMessageClass(FederationEnded.class, WAIT));
        }
        kit.stop(first, WAIT);

        // Restarted with the same configuration: it says the federation is complete, runs nothing, writes nothing.
        TestProbe<RoundMetrics> again = kit.createTestProbe();
        ActorRef<Coordinator.Command> second = start(one, again);
        RoundMetrics done = again.expectMessageClass(RoundMetrics.class, WAIT);
        assertEquals(RoundStatus.STOPPED, done.status());
        assertEquals(CloseCause.FEDERATION_COMPLETE, done.closedBy());
        assertEquals(2, done.round());
        assertEquals(1, done.modelVersion());
        ActorRef<CoordinatorMessage> inbox = waitForNewInbox(first);
        for (int i = 0; i < 3; i++) {
            inbox.tell(new AnnounceClient("c" + i, 10, List.of("tiny"), clients.get(i).ref()));
        }
        // No instruction: a client that announces itself to a finished federation is told it ended.
        for (TestProbe<ClientMessage> c : clients) {
            assertEquals("federation-complete", c.expectMessageClass(FederationEnded.class, WAIT).reason());
            c.expectNoMessage(Duration.ofMillis(600));
        }
        assertEquals(1, Files.readAllLines(dir.resolve("rounds.jsonl")).size(), "no metrics line for a restart");
        kit.stop(second, WAIT);

        // With rounds raised to 2, the same checkpoint resumes into round 2.
        TestProbe<RoundMetrics> more = kit.createTestProbe();
        start(config(2, ""), more);
        ActorRef<CoordinatorMessage> inbox2 = waitForNewInbox(second);
        for (int i = 0; i < 3; i++) {
            inbox2.tell(new AnnounceClient("c" + i, 10, List.of("tiny"), clients.get(i).ref()));
        }
        playRound(clients, 2);
        RoundMetrics m2 = more.expectMessageClass(RoundMetrics.class, WAIT);
        assertEquals(2, m2.round());
        assertEquals(RoundStatus.COMPLETED, m2.status());
        assertEquals(2, m2.modelVersion());
    }

    @Test
    void pruningZeroesTheGlobalModelAndSendsTheMaskWithTheInstruction() throws Exception {
        CoordinatorConfig cfg = config(2, ", pruning { target_sparsity = 0.5, schedule = oneshot, start_round = 1 }");
        TestProbe<RoundMetrics> listener = kit.createTestProbe();
        start(cfg, listener, StrategyFactory.create(cfg));
        List<TestProbe<ClientMessage>> clients = joinClients(coordinatorInbox());
        List<TrainInstruction> first = playRound(clients, 1);
        assertEquals(null, first.get(0).mask(), "dense before the first pruning step");
        RoundMetrics m1 = listener.expectMessageClass(RoundMetrics.class, WAIT);
        // FedAvg gives w = {1 + 8/6, 2 - 0.25/6 + ...}: the smaller weight of the two is pruned, the bias kept.
        assertEquals(1, m1.weightsNonzero());
        assertEquals(2, m1.paramsNonzero());
        List<TrainInstruction> second = new java.util.ArrayList<>();
        for (TestProbe<ClientMessage> c : clients) {
            second.add(nextInstruction(c));
        }
        // Fetched before answering: the round releases its blobs when it closes.
        TrainInstruction ins = second.get(0);
        float[] mask = MaskBlob.decode(blobs.fetch(ins.mask(), 1 << 20, WAIT).toCompletableFuture().join(),
                LAYOUT).keepValues();
        assertArrayEquals(new float[] {1f, 0f, 1f}, mask);
        assertEquals(0f, fetchGlobal(ins)[1]);
        // The pruned model travels sparse-encoded, smaller than the dense blob of round 1.
        byte[] blob = blobs.fetch(ins.parameters(), 1 << 20, WAIT).toCompletableFuture().join();
        assertEquals("FSP1", new String(blob, 0, 4, java.nio.charset.StandardCharsets.US_ASCII));
        assertTrue(blob.length < first.get(0).parameters().size(), blob.length + " vs "
                + first.get(0).parameters().size());
        assertEquals(GlobalParameters.encodedSize(3), first.get(0).parameters().size());
        for (int i = 0; i < 3; i++) {
            answer(clients.get(i), "c" + i, second.get(i), scaled(DELTAS[i], 2), i + 1);
        }
        RoundMetrics m2 = listener.expectMessageClass(RoundMetrics.class, WAIT);
        assertEquals(1, m2.weightsNonzero(), "the pruned weight stays zero after averaging non-zero deltas");
        Checkpoint saved = new CheckpointStore(dir.resolve("ckpt"), 2).latestValid().orElseThrow();
        assertEquals(0f, saved.parameters().values()[1]);
        assertArrayEquals(new float[] {1f, 0f, 1f}, saved.strategyState().get("pruner.keep"));
    }

    @Test
    void compressedUpdatesAreDecodedFoldedAndCountedAndDenseOnesRefused() throws Exception {
        CoordinatorConfig cfg = config(1, ", compression { topk = 0.34, error_feedback = false }");
        TestProbe<RoundMetrics> listener = kit.createTestProbe();
        start(cfg, listener, StrategyFactory.create(cfg));
        List<TestProbe<ClientMessage>> clients = joinClients(coordinatorInbox());
        List<TrainInstruction> sent = new java.util.ArrayList<>();
        for (TestProbe<ClientMessage> c : clients) {
            sent.add(nextInstruction(c));
        }
        // top-k at 0.34 of 3 values: k = 2, each client's largest two entries travel
        UpdateCompressor compressor = new UpdateCompressor(cfg.compression());
        long bytesUp = 0;
        for (int i = 0; i < 2; i++) {
            TrainInstruction ins = sent.get(i);
            byte[] payload = UpdatePayload.encoded(ins.round(), "c" + i, ins.modelVersion(),
                    compressor.compress(DELTAS[i], null, 7)).toBytes();
            bytesUp += payload.length;
            ins.replyTo().tell(new SubmitUpdate(ins.round(), "c" + i, ins.modelVersion(), ins.parameters().sha256(),
                    i + 1, blobs.publish(payload), ClientReport.NONE, clients.get(i).ref()));
            clients.get(i).expectMessageClass(UpdateAccepted.class, WAIT);
        }
        TrainInstruction third = sent.get(2);
        third.replyTo().tell(new SubmitUpdate(third.round(), "c2", third.modelVersion(),
                third.parameters().sha256(), 3, blobs.publish(new UpdatePayload(third.round(), "c2",
                third.modelVersion(), DELTAS[2]).toBytes()), ClientReport.NONE, clients.get(2).ref()));
        UpdateRejected dense = nextRejection(clients.get(2));
        assertEquals(RejectReason.MALFORMED, dense.reason());
        assertTrue(dense.detail().contains("compresses updates"), dense.detail());
        RoundMetrics m = listener.expectMessageClass(RoundMetrics.class, WAIT);
        assertEquals(2, m.participants());
        assertEquals(bytesUp, m.bytesUp());
        // c0 sends {0, .5, -1}, c1 sends {1, 0, .5} (the -0.25 dropped); weights 1:2
        Checkpoint saved = new CheckpointStore(dir.resolve("ckpt"), 2).latestValid().orElseThrow();
        assertArrayEquals(new float[] {1f + 2f / 3, 2f + 0.5f / 3, 3f + 0f}, saved.parameters().values(), 1e-6f);
    }

    @Test
    void privacyBudgetStopsTrainingBeforeTheRoundThatWouldExceedIt() throws Exception {
        PrivacyLedger ledger = new PrivacyLedger(1e-5);
        double e1 = ledger.recordRound(1, 1.0, 2.0).epsilon();
        double e2 = ledger.recordRound(2, 1.0, 2.0).epsilon();
        CoordinatorConfig cfg = config(5, ", privacy { mode = server, noise_multiplier = 2.0, clipping_norm = 10,"
                + " noise = seeded-insecure, target_epsilon = " + (e1 + e2) / 2 + " }");
        TestProbe<RoundMetrics> listener = kit.createTestProbe();
        start(cfg, listener, StrategyFactory.create(cfg));
        List<TestProbe<ClientMessage>> clients = joinClients(coordinatorInbox());
        playRound(clients, 1);
        RoundMetrics m1 = listener.expectMessageClass(RoundMetrics.class, WAIT);
        assertEquals("completed", m1.status().key());
        assertEquals(e1, m1.epsilon(), 0.0);
        RoundMetrics stop = listener.expectMessageClass(RoundMetrics.class, WAIT);
        assertEquals(2, stop.round());
        assertEquals("stopped", stop.status().key());
        assertEquals("privacy-budget", stop.closedBy().key());
        assertEquals(e1, stop.epsilon(), 0.0);
        // No instruction: only the news that training ended, and why.
        assertEquals("privacy-budget", clients.get(0).expectMessageClass(FederationEnded.class, WAIT).reason());
        clients.get(0).expectNoMessage(Duration.ofSeconds(1));
        List<String> lines = Files.readAllLines(dir.resolve("rounds.jsonl"));
        assertTrue(lines.get(1).contains("\"status\":\"stopped\",\"closed_by\":\"privacy-budget\""), lines.get(1));
    }

    @Test
    void dpRunResumedFromACheckpointReportsTheEpsilonOfAnUninterruptedRun() throws Exception {
        CoordinatorConfig cfg = config(3, ", privacy { mode = server, noise_multiplier = 1.3, clipping_norm = 10,"
                + " noise = seeded-insecure }");
        TestProbe<RoundMetrics> listener = kit.createTestProbe();
        ActorRef<Coordinator.Command> coordinator = start(cfg, listener, StrategyFactory.create(cfg));
        List<TestProbe<ClientMessage>> clients = joinClients(coordinatorInbox());
        playRound(clients, 1);
        listener.expectMessageClass(RoundMetrics.class, WAIT);
        playRound(clients, 2);
        double beforeCrash = listener.expectMessageClass(RoundMetrics.class, WAIT).epsilon();
        for (TestProbe<ClientMessage> c : clients) {
            assertEquals(3, nextInstruction(c).round());
        }
        kit.stop(coordinator, WAIT);
        Checkpoint two = new CheckpointStore(dir.resolve("ckpt"), 2).latestValid().orElseThrow();
        assertEquals(List.of(new LedgerEntry(1, 1.0, 1.3, 1), new LedgerEntry(2, 1.0, 1.3, 1)),
                two.privacy().get(Checkpoint.CLIENT_LEVEL));

        // A fresh process: a new strategy whose ledger is empty until the checkpoint is replayed into it.
        RoundMetrics m3 = resumeAndPlayRoundThree(cfg, coordinator, clients);
        assertEquals(3, m3.round());

        // An uninterrupted run composes three rounds of (q = 1, z = 1.3) in one ledger.
        PrivacyLedger uninterrupted = new PrivacyLedger(1e-5);
        double oneRound = uninterrupted.recordRound(1, 1.0, 1.3).epsilon();
        assertEquals(beforeCrash, uninterrupted.recordRound(2, 1.0, 1.3).epsilon(), 0.0);
        double three = uninterrupted.recordRound(3, 1.0, 1.3).epsilon();
        assertEquals(three, m3.epsilon(), 0.0);
        assertTrue(m3.epsilon() > 1.5 * oneRound, "a lost ledger would report one round's " + oneRound);
        assertEquals(3, new CheckpointStore(dir.resolve("ckpt"), 2).latestValid().orElseThrow().privacy()
                .get(Checkpoint.CLIENT_LEVEL).size());
    }

    @Test
    void privateCohortsArePoissonDrawsAndTheMeanDividesByTheExpectedCohort() throws Exception {
        // q = m / N = 3 / 6; three clients available, each joins a round with probability 1/2. Client-side noise
        // mode: the coordinator adds nothing, so the model is exact: global += (sum of the members' deltas) / 3.
        CoordinatorConfig cfg = config(4, ", cohort_fraction = 0.5, min_fit_clients = 1, privacy { mode = client,"
                + " noise_multiplier = 1.0, population = 6 }");
        CohortSampler replay = new CohortSampler(cfg.seed());
        List<String> ids = List.of("c0", "c1", "c2");
        TestProbe<RoundMetrics> listener = kit.createTestProbe();
        start(cfg, listener, StrategyFactory.create(cfg));
        List<TestProbe<ClientMessage>> clients = joinClients(coordinatorInbox());
        float[] expected = {1f, 2f, 3f};
        java.util.Set<Integer> sizes = new java.util.HashSet<>();
        for (int r = 1; r <= 4; r++) {
            List<String> members = replay.samplePoisson(ids, 0.5);
            for (int k = 0; k < members.size(); k++) {
                replay.nextSeed();
            }
            sizes.add(members.size());
            float[] roundSum = new float[3];
            for (int i = 0; i < 3; i++) {
                if (!members.contains("c" + i)) {
                    continue;
                }
                TrainInstruction ins = nextInstruction(clients.get(i));
                assertEquals(r, ins.round());
                assertArrayEquals(expected, fetchGlobal(ins), 1e-6f);
                answer(clients.get(i), "c" + i, ins, DELTAS[i], i + 1);
                for (int j = 0; j < 3; j++) {
                    roundSum[j] += DELTAS[i][j];
                }
            }
            for (int j = 0; j < 3; j++) {
                expected[j] += roundSum[j] / 3f; // the expected cohort m = 3, not the realised size
            }
            RoundMetrics m = listener.expectMessageClass(RoundMetrics.class, WAIT);
            assertEquals(r, m.round());
            assertEquals(members.size(), m.cohort(), m.toJson());
            assertEquals(members.isEmpty() ? "empty-cohort" : "all-answered", m.closedBy().key(), m.toJson());
        }
        for (TestProbe<ClientMessage> c : clients) {
            expectNothingButTheEnd(c, Duration.ofMillis(300));
        }
        assertTrue(sizes.size() > 1, "the seed should give cohorts of different sizes: " + sizes);
        assertArrayEquals(expected, new CheckpointStore(dir.resolve("ckpt"), 2).latestValid().orElseThrow()
                .parameters().values(), 1e-6f);
    }

    @Test
    void dpSgdIsSentWithTheInstructionAndEachClientsRecordLevelEpsilonIsAccounted() throws Exception {
        CoordinatorConfig cfg = config(2, ", local.batch_size = 8, privacy.dpsgd { noise_multiplier = 1.2,"
                + " clipping_norm = 0.5 }");
        TestProbe<RoundMetrics> listener = kit.createTestProbe();
        start(cfg, listener, StrategyFactory.create(cfg));
        List<TestProbe<ClientMessage>> clients = joinClients(coordinatorInbox());
        List<TrainInstruction> sent = playRound(clients, 1);
        assertEquals(1.2, sent.get(0).config().dpSgdNoiseMultiplier());
        assertEquals(0.5, sent.get(0).config().dpSgdClipNorm());
        RoundMetrics m1 = listener.expectMessageClass(RoundMetrics.class, WAIT);
        playRound(clients, 2);
        RoundMetrics m2 = listener.expectMessageClass(RoundMetrics.class, WAIT);
        // Clients announced 10, 20 and 30 examples: q = 8/n and round(n/8) steps per epoch (1, 3, 4) each round.
        double worst = 0;
        for (int n : new int[] {10, 20, 30}) {
            io.flotilla.privacy.RdpAccountant a = new io.flotilla.privacy.RdpAccountant();
            a.composePoissonGaussian(8.0 / n, 1.2, 2L * Math.round(n / 8.0));
            worst = Math.max(worst, a.epsilon(1e-5).epsilon());
        }
        assertEquals(worst, m2.exampleEpsilon(), 1e-12);
        assertTrue(m1.exampleEpsilon() < m2.exampleEpsilon());
        assertTrue(Double.isNaN(m2.epsilon()), "no client-level DP configured");
        assertTrue(Files.readAllLines(dir.resolve("rounds.jsonl")).get(1).contains("\"example_epsilon\":"));
        Checkpoint saved = new CheckpointStore(dir.resolve("ckpt"), 2).latestValid().orElseThrow();
        assertEquals(List.of(new LedgerEntry(1, 0.4, 1.2, 3), new LedgerEntry(2, 0.4, 1.2, 3)),
                saved.privacy().get("example-level/c1"));
    }

    private ActorRef<CoordinatorMessage> coordinatorInbox() {
        TestProbe<Receptionist.Listing> probe = kit.createTestProbe();
        for (int i = 0; i < 100; i++) {
            kit.system().receptionist().tell(Receptionist.find(ServiceKeys.COORDINATOR, probe.ref()));
            var found = probe.expectMessageClass(Receptionist.Listing.class, WAIT)
                    .getServiceInstances(ServiceKeys.COORDINATOR);
            if (!found.isEmpty()) {
                return found.iterator().next();
            }
            sleep(100);
        }
        throw new AssertionError("coordinator never registered");
    }

    private static void sleep(long ms) {
        try {
            TimeUnit.MILLISECONDS.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Three probe clients registered with the Receptionist and announced to the coordinator. */
    private List<TestProbe<ClientMessage>> joinClients(ActorRef<CoordinatorMessage> inbox) {
        List<TestProbe<ClientMessage>> clients = List.of(kit.createTestProbe("c0"), kit.createTestProbe("c1"),
                kit.createTestProbe("c2"));
        for (int i = 0; i < clients.size(); i++) {
            kit.system().receptionist().tell(Receptionist.register(ServiceKeys.CLIENTS, clients.get(i).ref()));
            inbox.tell(new AnnounceClient("c" + i, 10 * (i + 1), List.of("tiny"), clients.get(i).ref()));
        }
        return clients;
    }

    private float[] fetchGlobal(TrainInstruction ins) {
        byte[] bytes = blobs.fetch(ins.parameters(), 1 << 20, WAIT).toCompletableFuture().join();
        return GlobalModelBlob.decode(bytes, LAYOUT).values();
    }

    private void answer(TestProbe<ClientMessage> client, String id, TrainInstruction ins, float[] delta,
                        int examples) {
        BlobRef payload = blobs.publish(new UpdatePayload(ins.round(), id, ins.modelVersion(), delta).toBytes());
        ins.replyTo().tell(new SubmitUpdate(ins.round(), id, ins.modelVersion(), ins.parameters().sha256(), examples,
                payload, ClientReport.NONE, client.ref()));
        client.expectMessageClass(UpdateAccepted.class, WAIT);
    }

    @Test
    void runsFedAvgRoundsCheckpointsAndResumesFromTheCheckpoint() throws Exception {
        TestProbe<RoundMetrics> listener = kit.createTestProbe();
        CoordinatorConfig cfg = config(3, "");
        ActorRef<Coordinator.Command> coordinator = start(cfg, listener);
        List<TestProbe<ClientMessage>> clients = joinClients(coordinatorInbox());

        // Round 1: deltas weighted 1:2:3.
        for (int i = 0; i < 3; i++) {
            TrainInstruction ins = clients.get(i).expectMessageClass(TrainInstruction.class, WAIT);
            assertEquals(1, ins.round());
            assertEquals(0, ins.modelVersion());
            assertArrayEquals(new float[] {1f, 2f, 3f}, fetchGlobal(ins));
            answer(clients.get(i), "c" + i, ins, new float[] {i, 0f, -6f}, i + 1);
        }
        RoundMetrics m1 = listener.expectMessageClass(RoundMetrics.class, WAIT);
        assertEquals("completed", m1.status().key());
        assertEquals(3, m1.participants());
        assertEquals(1, m1.modelVersion());

        // Round 2 starts from 1 + (0*1 + 1*2 + 2*3)/6 = 2.3333, 2, 3 - 6 = -3.
        TrainInstruction late = null;
        for (int i = 0; i < 3; i++) {
            TrainInstruction ins = clients.get(i).expectMessageClass(TrainInstruction.class, WAIT);
            assertEquals(2, ins.round());
            assertArrayEquals(new float[] {1f + 8f / 6f, 2f, -3f}, fetchGlobal(ins), 1e-6f);
            if (i < 2) {
                answer(clients.get(i), "c" + i, ins, new float[] {1f, 1f, 1f}, 5);
            } else {
                late = ins;
            }
        }
        // c2 never answers in time: the round closes at the deadline on the quorum of 2.
        RoundMetrics m2 = listener.expectMessageClass(RoundMetrics.class, WAIT);
        assertEquals("deadline", m2.closedBy().key());
        assertEquals("completed", m2.status().key());
        assertEquals(2, m2.participants());

        // Its update arrives after the close: rejected as late and counted in the next line.
        BlobRef payload = blobs.publish(new UpdatePayload(2, "c2", late.modelVersion(), new float[3]).toBytes());
        late.replyTo().tell(new SubmitUpdate(2, "c2", late.modelVersion(), late.parameters().sha256(), 1, payload,
                ClientReport.NONE, clients.get(2).ref()));
        assertEquals(RejectReason.LATE, nextRejection(clients.get(2)).reason()); // round 3 may come first

        // Round 3 is interrupted: the coordinator stops while it is in flight.
        for (TestProbe<ClientMessage> c : clients) {
            assertEquals(3, c.expectMessageClass(TrainInstruction.class, WAIT).round());
        }
        kit.stop(coordinator, WAIT);

        List<Path> files = new CheckpointStore(dir.resolve("ckpt"), 2).list();
        assertEquals(2, files.size(), "keeps the newest 2 checkpoints: " + files);
        Checkpoint saved = new CheckpointStore(dir.resolve("ckpt"), 2).latestValid().orElseThrow();
        assertEquals(2, saved.round());
        assertEquals(2, saved.modelVersion());
        assertArrayEquals(new float[] {1f + 8f / 6f + 1f, 3f, -2f}, saved.parameters().values(), 1e-6f);

        // A new coordinator resumes with round 3 from the saved model; nothing else is lost.
        TestProbe<RoundMetrics> listener2 = kit.createTestProbe();
        start(cfg, listener2);
        ActorRef<CoordinatorMessage> inbox2 = waitForNewInbox(coordinator);
        for (int i = 0; i < 3; i++) {
            inbox2.tell(new AnnounceClient("c" + i, 10, List.of("tiny"), clients.get(i).ref()));
        }
        for (int i = 0; i < 3; i++) {
            TrainInstruction ins = nextInstruction(clients.get(i));
            assertEquals(3, ins.round());
            assertEquals(2, ins.modelVersion());
            assertArrayEquals(saved.parameters().values(), fetchGlobal(ins));
            answer(clients.get(i), "c" + i, ins, new float[] {0f, 0f, 0f}, 1);
        }
        RoundMetrics m3 = listener2.expectMessageClass(RoundMetrics.class, WAIT);
        assertEquals(3, m3.round());
        assertEquals(3, m3.modelVersion());

        List<String> lines = Files.readAllLines(dir.resolve("rounds.jsonl"));
        assertEquals(3, lines.size());
        for (int r = 1; r <= 3; r++) {
            assertTrue(lines.get(r - 1).startsWith("{\"round\":" + r + ",\"status\":\"completed\""), lines.get(r - 1));
        }
    }

    /** Starts a fresh coordinator with a fresh strategy after {@code old} stopped, and plays round 3 on it. */
    private RoundMetrics resumeAndPlayRoundThree(CoordinatorConfig cfg, ActorRef<Coordinator.Command> old,
                                                 List<TestProbe<ClientMessage>> clients) {
        TestProbe<RoundMetrics> listener = kit.createTestProbe();
        start(cfg, listener, StrategyFactory.create(cfg));
        ActorRef<CoordinatorMessage> inbox = waitForNewInbox(old);
        for (int i = 0; i < 3; i++) {
            inbox.tell(new AnnounceClient("c" + i, 10, List.of("tiny"), clients.get(i).ref()));
        }
        playRound(clients, 3);
        return listener.expectMessageClass(RoundMetrics.class, WAIT);
    }

    private ActorRef<CoordinatorMessage> waitForNewInbox(ActorRef<Coordinator.Command> old) {
        for (int i = 0; i < 200; i++) {
            ActorRef<CoordinatorMessage> inbox = coordinatorInbox();
            if (!inbox.path().parent().equals(old.path())) {
                return inbox;
            }
            sleep(100);
        }
        throw new AssertionError("the new coordinator never registered");
    }

    /** Within {@code d}, {@code c} gets no instruction or request: at most the news that training ended. */
    private static void expectNothingButTheEnd(TestProbe<ClientMessage> c, Duration d) {
        long end = System.nanoTime() + d.toNanos();
        while (true) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return;
            }
            ClientMessage m;
            try {
                m = c.receiveMessage(Duration.ofNanos(left));
            } catch (AssertionError timeout) {
                return;
            }
            assertTrue(m instanceof FederationEnded, "unexpected " + m);
        }
    }

    private static TrainInstruction nextInstruction(TestProbe<ClientMessage> client) {
        return client.expectMessageClass(TrainInstruction.class, WAIT);
    }

    @Test
    void roundWhoseClientsAllLeaveIsAbandonedAndTheModelKept() throws Exception {
        TestProbe<RoundMetrics> listener = kit.createTestProbe();
        start(config(1, ", round_timeout = 60s"), listener);
        List<TestProbe<ClientMessage>> clients = joinClients(coordinatorInbox());
        for (TestProbe<ClientMessage> c : clients) {
            c.expectMessageClass(TrainInstruction.class, WAIT);
        }
        for (TestProbe<ClientMessage> c : clients) {
            kit.system().receptionist().tell(Receptionist.deregister(ServiceKeys.CLIENTS, c.ref()));
        }
        RoundMetrics m = listener.expectMessageClass(RoundMetrics.class, WAIT);
        assertEquals("abandoned", m.status().key());
        assertEquals("quorum-unreachable", m.closedBy().key());
        assertEquals(0, m.modelVersion());
        assertEquals(1, m.attempt());
        // The round is retried under its number: no checkpoint claims it done.
        assertTrue(new CheckpointStore(dir.resolve("ckpt"), 2).latestValid().isEmpty());
    }

    @Test
    void lateUpdatesAreCountedInTheNextRoundsLine() throws Exception {
        TestProbe<RoundMetrics> listener = kit.createTestProbe();
        start(config(2, ""), listener);
        List<TestProbe<ClientMessage>> clients = joinClients(coordinatorInbox());
        TrainInstruction late = null;
        for (int i = 0; i < 3; i++) {
            TrainInstruction ins = nextInstruction(clients.get(i));
            if (i < 2) {
                answer(clients.get(i), "c" + i, ins, new float[] {1f, 1f, 1f}, 1);
            } else {
                late = ins;
            }
        }
        RoundMetrics m1 = listener.expectMessageClass(RoundMetrics.class, WAIT);
        assertEquals("deadline", m1.closedBy().key());
        assertEquals(Map.of(), m1.rejectedOutsideRound());
        BlobRef payload = blobs.publish(new UpdatePayload(1, "c2", 0, new float[3]).toBytes());
        late.replyTo().tell(new SubmitUpdate(1, "c2", 0, late.parameters().sha256(), 1, payload, ClientReport.NONE,
                clients.get(2).ref()));
        // Round 2 is open by now or about to be: either way round 1 is closed, so the update is late.
        UpdateRejected r = nextRejection(clients.get(2));
        assertEquals(RejectReason.LATE, r.reason());
        for (int i = 0; i < 3; i++) {
            TrainInstruction ins = nextInstruction(clients.get(i));
            assertEquals(2, ins.round());
            answer(clients.get(i), "c" + i, ins, new float[] {0f, 0f, 0f}, 1);
        }
        RoundMetrics m2 = listener.expectMessageClass(RoundMetrics.class, WAIT);
        assertEquals(Map.of("late", 1), m2.rejectedOutsideRound(), m2.toJson());
        assertEquals(Map.of(), m2.rejected());
    }

    private static UpdateRejected nextRejection(TestProbe<ClientMessage> probe) {
        // The round-2 instruction may arrive before the rejection: keep it for later.
        while (true) {
            ClientMessage m = probe.receiveMessage(WAIT);
            if (m instanceof UpdateRejected r) {
                return r;
            }
            if (m instanceof TrainInstruction ins) {
                probe.ref().tell(ins);
            }
        }
    }

    @Test
    void aDueFederatedEvaluationAsksItsOwnCohortForTheNewModelAndItsFiguresReachTheRoundMetrics() throws Exception {
        TestProbe<RoundMetrics> listener = kit.createTestProbe();
        CoordinatorConfig cfg = config(2, ", evaluation.federated { every = 2, fraction = 0.6, min_clients = 2, "
                + "timeout = 20s }");
        start(cfg, listener);
        List<TestProbe<ClientMessage>> clients = joinClients(coordinatorInbox());
        playRound(clients, 1);
        RoundMetrics one = listener.expectMessageClass(RoundMetrics.class, WAIT);
        assertEquals(null, one.federatedEvaluation(), "round 1 is not due with every = 2");
        List<TrainInstruction> two = playRound(clients, 2);
        List<String> asked = cfg.federatedEvaluation().cohort(cfg.seed(), 2, List.of("c0", "c1", "c2"));
        assertEquals(2, asked.size());
        double[][] figures = {{0.5, 0.25}, {1.5, 0.75}, {2.5, 1.0}};
        for (int i = 0; i < 3; i++) {
            TestProbe<ClientMessage> c = clients.get(i);
            if (!asked.contains("c" + i)) {
                expectNothingButTheEnd(c, Duration.ofMillis(300));
                continue;
            }
            EvaluateRequest req = c.expectMessageClass(EvaluateRequest.class, WAIT);
            assertEquals(2, req.round());
            assertEquals(2, req.modelVersion());
            // The model evaluated is the one round 2 aggregated, not the one it started from.
            assertTrue(!req.parameters().sha256().equals(two.get(i).parameters().sha256()));
            assertEquals(3, GlobalModelBlob.decode(blobs.fetch(req.parameters(), 1 << 20, WAIT)
                    .toCompletableFuture().join(), LAYOUT).size());
            req.replyTo().tell(new EvaluationReported(2, "c" + i, 2, 10, figures[i][0], figures[i][1]));
        }
        RoundMetrics m = listener.expectMessageClass(RoundMetrics.class, WAIT);
        FederatedEvaluation f = m.federatedEvaluation();
        assertEquals(2, f.round());
        assertEquals(2, f.clients());
        assertEquals(CloseCause.ALL_ANSWERED, f.closedBy());
        double lossSum = 0;
        double min = 1;
        for (String id : asked) {
            int i = id.charAt(1) - '0';
            lossSum += figures[i][0];
            min = Math.min(min, figures[i][1]);
        }
        assertEquals(lossSum / 2, f.loss(), 1e-12);
        assertEquals(min, f.accuracyMin(), 0);
        assertTrue(Files.readString(dir.resolve("rounds.jsonl")).contains("\"federated_evaluation\":{\"cohort\":2"));
    }
}
