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
import io.flotilla.model.ModelLayout;
import io.flotilla.model.ParameterSet;
import io.flotilla.model.TensorSpec;
import io.flotilla.wire.RejectReason;
import io.flotilla.wire.protocol.AnnounceClient;
import io.flotilla.wire.protocol.ClientMessage;
import io.flotilla.wire.protocol.ClientReport;
import io.flotilla.wire.protocol.CoordinatorMessage;
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
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attacks that the default update bounds stop, each performed against the real coordinator round loop (FedAvg,
 * checkpoints, metrics): a client claiming 2^31-1 examples, one claiming more than it registered with, one
 * registering with more than the cap, and one sending a delta of all {@code Float.MAX_VALUE}. Each is refused and
 * counted, the round completes on the honest clients, and the model is their weighted mean. With the norm bound
 * turned off, the same delta does the harm the issue reported, and the aggregate check keeps the model finite.
 */
class CoordinatorUpdateBoundsTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ModelLayout LAYOUT = ModelLayout.of(TensorSpec.weight("w", 2), TensorSpec.bias("b", 1));
    private static final float[] INITIAL = {1f, 2f, 3f};

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
                + "metrics.file = \"" + dir.resolve("rounds.jsonl") + "\" " + extra + " }")
                .withFallback(ConfigFactory.load()));
    }

    private ActorRef<CoordinatorMessage> start(CoordinatorConfig cfg, TestProbe<RoundMetrics> listener) {
        kit.spawn(Coordinator.create(cfg, new CoordinatorResources(ParameterSet.copyOf(LAYOUT, INITIAL.clone()),
                new FedAvg(), blobs, new CoordinatorProtection.PerUpdate(new InsecurePlaintextUpdates()), null, null,
                listener.ref())));
        TestProbe<Receptionist.Listing> found = kit.createTestProbe();
        kit.system().receptionist().tell(Receptionist.subscribe(ServiceKeys.COORDINATOR, found.ref()));
        while (true) {
            var inboxes = found.expectMessageClass(Receptionist.Listing.class, WAIT)
                    .getServiceInstances(ServiceKeys.COORDINATOR);
            if (!inboxes.isEmpty()) {
                return inboxes.iterator().next();
            }
        }
    }

    /** Probe client {@code id}, listed and announced with {@code examples}. */
    private TestProbe<ClientMessage> join(ActorRef<CoordinatorMessage> inbox, String id, int examples) {
        TestProbe<ClientMessage> c = kit.createTestProbe(id);
        kit.system().receptionist().tell(Receptionist.register(ServiceKeys.CLIENTS, c.ref()));
        inbox.tell(new AnnounceClient(id, examples, List.of("tiny"), c.ref()));
        return c;
    }

    private void submit(TestProbe<ClientMessage> client, String id, TrainInstruction ins, float[] delta,
                        int examples) {
        BlobRef payload = blobs.publish(new UpdatePayload(ins.round(), id, ins.modelVersion(), delta).toBytes());
        ins.replyTo().tell(new SubmitUpdate(ins.round(), id, ins.modelVersion(), ins.parameters().sha256(), examples,
                payload, ClientReport.NONE, client.ref()));
    }

    private float[] checkpointedModel() {
        return new CheckpointStore(dir.resolve("ckpt"), 2).latestValid(LAYOUT).orElseThrow().parameters().values();
    }

    private static float maxAbs(float[] v) {
        float m = 0;
        for (float x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }

    @Test
    void exampleCountsAboveTheRegisteredOneOrTheCapAreRefusedAndTheMeanStaysTheHonestClients() {
        TestProbe<RoundMetrics> listener = kit.createTestProbe();
        ActorRef<CoordinatorMessage> inbox = start(config(2, ", updates.max_examples = 1000"), listener);
        // Registering above the cap: refused, so never sampled (the cohort is everyone available).
        TestProbe<ClientMessage> greedy = join(inbox, "greedy", 5000);
        TestProbe<ClientMessage> liar = join(inbox, "liar", 10);
        TestProbe<ClientMessage> h1 = join(inbox, "h1", 20);
        TestProbe<ClientMessage> h2 = join(inbox, "h2", 30);

        // Round 1: the liar claims 2^31-1 examples, the attack: alone it would own the weighted mean.
        TrainInstruction l1 = liar.expectMessageClass(TrainInstruction.class, WAIT);
        TrainInstruction a1 = h1.expectMessageClass(TrainInstruction.class, WAIT);
        TrainInstruction b1 = h2.expectMessageClass(TrainInstruction.class, WAIT);
        submit(liar, "liar", l1, new float[] {100f, 100f, 100f}, Integer.MAX_VALUE);
        UpdateRejected r1 = liar.expectMessageClass(UpdateRejected.class, WAIT);
        assertEquals(RejectReason.EXAMPLES_OUT_OF_RANGE, r1.reason(), r1.detail());
        submit(h1, "h1", a1, new float[] {1f, 0f, 0f}, 20);
        submit(h2, "h2", b1, new float[] {0f, 1f, 0f}, 30);
        h1.expectMessageClass(UpdateAccepted.class, WAIT);
        h2.expectMessageClass(UpdateAccepted.class, WAIT);
        RoundMetrics m1 = listener.expectMessageClass(RoundMetrics.class, WAIT);
        assertEquals(RoundStatus.COMPLETED, m1.status());
        assertEquals(3, m1.cohort(), "the client that registered above the cap was not sampled");
        assertEquals(2, m1.participants());
        assertEquals(Map.of("examples_out_of_range", 1), m1.rejected());
        // (20 * (1, 0, 0) + 30 * (0, 1, 0)) / 50: the honest mean, untouched by the liar.
        assertArrayEquals(new float[] {1.4f, 2.6f, 3f}, checkpointedModel(), 1e-6f);

        // Round 2: a count just above the one it registered with (10), below the cap, is refused too; re-announcing
        // a larger count from the same inbox does not raise it.
        inbox.tell(new AnnounceClient("liar", 900, List.of("tiny"), liar.ref()));
        TrainInstruction l2 = liar.expectMessageClass(TrainInstruction.class, WAIT);
        TrainInstruction a2 = h1.expectMessageClass(TrainInstruction.class, WAIT);
        TrainInstruction b2 = h2.expectMessageClass(TrainInstruction.class, WAIT);
        submit(liar, "liar", l2, new float[] {100f, 100f, 100f}, 11);
        assertEquals(RejectReason.EXAMPLES_OUT_OF_RANGE,
                liar.expectMessageClass(UpdateRejected.class, WAIT).reason());
        submit(h1, "h1", a2, new float[] {0f, 0f, 1f}, 20);
        submit(h2, "h2", b2, new float[] {0f, 0f, 1f}, 30);
        RoundMetrics m2 = listener.expectMessageClass(RoundMetrics.class, WAIT);
        assertEquals(RoundStatus.COMPLETED, m2.status());
        assertEquals(Map.of("examples_out_of_range", 1), m2.rejected());
        assertArrayEquals(new float[] {1.4f, 2.6f, 4f}, checkpointedModel(), 1e-6f);
        greedy.expectNoMessage(Duration.ofMillis(200));
    }

    @Test
    void aDeltaOfAllFloatMaxValueIsRefusedByTheDefaultNormBoundAndTheModelStaysTheHonestMean() {
        TestProbe<RoundMetrics> listener = kit.createTestProbe();
        ActorRef<CoordinatorMessage> inbox = start(config(1, ""), listener);
        TestProbe<ClientMessage> evil = join(inbox, "evil", 10);
        TestProbe<ClientMessage> h1 = join(inbox, "h1", 10);
        TestProbe<ClientMessage> h2 = join(inbox, "h2", 10);
        TrainInstruction e = evil.expectMessageClass(TrainInstruction.class, WAIT);
        TrainInstruction a = h1.expectMessageClass(TrainInstruction.class, WAIT);
        TrainInstruction b = h2.expectMessageClass(TrainInstruction.class, WAIT);
        float[] huge = new float[3];
        Arrays.fill(huge, Float.MAX_VALUE);
        submit(evil, "evil", e, huge, 10);
        UpdateRejected r = evil.expectMessageClass(UpdateRejected.class, WAIT);
        assertEquals(RejectReason.NORM_OUT_OF_RANGE, r.reason(), r.detail());
        submit(h1, "h1", a, new float[] {0.5f, -0.5f, 0f}, 10);
        submit(h2, "h2", b, new float[] {-0.5f, 0.5f, 1f}, 10);
        RoundMetrics m = listener.expectMessageClass(RoundMetrics.class, WAIT);
        assertEquals(RoundStatus.COMPLETED, m.status());
        assertEquals(Map.of("norm_out_of_range", 1), m.rejected());
        assertArrayEquals(new float[] {1f, 2f, 3.5f}, checkpointedModel(), 1e-6f);
    }

    @Test
    void withTheNormBoundOffTheAttackWrecksTheModelButANonFiniteAggregateIsNeverPublished() {
        TestProbe<RoundMetrics> listener = kit.createTestProbe();
        ActorRef<CoordinatorMessage> inbox = start(config(2, ", updates.max_norm_ratio = 0"), listener);
        List<TestProbe<ClientMessage>> all = List.of(join(inbox, "e1", 10), join(inbox, "e2", 10),
                join(inbox, "e3", 10));
        float[] huge = new float[3];
        Arrays.fill(huge, Float.MAX_VALUE);
        for (int round = 1; round <= 2; round++) {
            for (int i = 0; i < all.size(); i++) {
                TrainInstruction ins = all.get(i).expectMessageClass(TrainInstruction.class, WAIT);
                submit(all.get(i), "e" + (i + 1), ins, huge, 10);
                all.get(i).expectMessageClass(UpdateAccepted.class, WAIT);
            }
        }
        // Round 1: what the issue saw (max |w| = 3.4e38): finite updates, so accepted, and a finite mean.
        RoundMetrics m1 = listener.expectMessageClass(RoundMetrics.class, WAIT);
        assertEquals(RoundStatus.COMPLETED, m1.status());
        assertEquals(1, m1.modelVersion());
        // Round 2: 3.4e38 + 3.4e38 overflows: the round is abandoned and version 1 kept, finite.
        RoundMetrics m2 = listener.expectMessageClass(RoundMetrics.class, WAIT);
        assertEquals(RoundStatus.ABANDONED, m2.status(), m2.toJson());
        assertEquals(CloseCause.NON_FINITE_MODEL, m2.closedBy());
        assertEquals(3, m2.participants());
        assertEquals(1, m2.modelVersion());
        float[] kept = checkpointedModel();
        assertEquals(Float.MAX_VALUE, maxAbs(kept));
        for (float v : kept) {
            assertTrue(Float.isFinite(v));
        }
    }
}
