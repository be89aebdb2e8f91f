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
import io.flotilla.wire.protocol.AnnounceClient;
import io.flotilla.wire.protocol.ClientMessage;
import io.flotilla.wire.protocol.CoordinatorMessage;
import io.flotilla.wire.seal.SecAggSettings;
import io.flotilla.wire.transfer.InProcessBlobExchange;
import io.flotilla.wire.protocol.SecAggUnmaskAnswered;
import io.flotilla.wire.protocol.ServiceKeys;
import io.flotilla.wire.protocol.TrainInstruction;
import io.flotilla.wire.seal.CoordinatorProtection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The coordinator's round loop under {@code security = secagg} (real Coordinator, RoundCollector and SecAggRound
 * actors, members played by real SecAgg clients): a round whose survivors fall below the threshold is abandoned
 * with the global model kept and the failure counted, and the next round aggregates the unmasked sum into exactly
 * the FedAvg model within the quantisation bound.
 */
class CoordinatorSecAggTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ModelLayout LAYOUT = ModelLayout.of(TensorSpec.weight("w", 3), TensorSpec.bias("b", 2));
    private static final float[] INITIAL = {1f, 2f, 3f, -1f, 0.5f};
    private static final float[][] DELTAS = {{0.5f, -0.25f, 0.125f, 1f, -1f}, {-0.5f, 0.75f, 0.25f, 0f, 2f},
        {0.1f, 0.2f, 0.3f, 0.4f, 0.5f}, {-3f, 0f, 0.01f, -0.02f, 0.03f}};
    private static final double CLIP = 1.5;

    @TempDir
    Path dir;

    private final ActorTestKit kit = ActorTestKit.create();
    private final InProcessBlobExchange blobs = new InProcessBlobExchange();
    private final SecAggTestIdentities ids = new SecAggTestIdentities(List.of("c0", "c1", "c2", "c3"));
    private final SecAggSettings settings = new SecAggSettings(0.67, 0, CLIP, 0, 100, 0.5, Duration.ofSeconds(5),
            Duration.ofSeconds(5), Duration.ofSeconds(5));

    @AfterEach
    void shutdown() {
        kit.shutdownTestKit();
    }

    private CoordinatorConfig config(int rounds) {
        return CoordinatorConfig.from(ConfigFactory.parseString("flotilla { rounds = " + rounds
                + ", model = tiny, min_available_clients = 4, min_fit_clients = 3, round_timeout = 4s, "
                + "security = secagg, checkpoint.dir = \"" + dir.resolve("ckpt") + "\", metrics.file = \""
                + dir.resolve("rounds.jsonl") + "\" }").withFallback(ConfigFactory.load()));
    }

    @Test
    void aRoundBelowTheThresholdIsAbandonedAndTheNextAggregatesTheUnmaskedSum() throws Exception {
        TestProbe<RoundMetrics> listener = kit.createTestProbe();
        kit.spawn(Coordinator.create(config(2), new CoordinatorResources(ParameterSet.copyOf(LAYOUT, INITIAL),
                new FedAvg(), blobs, new CoordinatorProtection.SecureSum(settings, ids.verifier()), null, null, listener.ref())));
        ActorRef<CoordinatorMessage> inbox = coordinatorInbox();
        List<SecAggTestClient> clients = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            TestProbe<ClientMessage> p = kit.createTestProbe("c" + i);
            kit.system().receptionist().tell(Receptionist.register(ServiceKeys.CLIENTS, p.ref()));
            inbox.tell(new AnnounceClient("c" + i, 10 * (i + 1), List.of("tiny"), p.ref()));
            clients.add(new SecAggTestClient(ids.signer("c" + i), p, LAYOUT.totalSize(), blobs, inbox::tell));
        }

        // Round 1: c2 and c3 vanish after sharing their keys; two survivors are below the threshold of 3.
        for (SecAggTestClient c : clients) {
            assertEquals(1, c.next(TrainInstruction.class).round());
            c.advertise();
        }
        for (SecAggTestClient c : clients) {
            c.share();
        }
        clients.get(0).mask(DELTAS[0], 10);
        clients.get(1).mask(DELTAS[1], 20);
        RoundMetrics first = listener.expectMessageClass(RoundMetrics.class, WAIT);
        assertEquals(1, first.round());
        assertEquals("abandoned", first.status().key(), first.toJson());
        assertEquals("secagg-failed", first.closedBy().key(), first.toJson());
        assertEquals(0, first.modelVersion(), "the global model is kept");

        // Round 1 again (attempt 2: an abandoned round keeps its number): everyone answers every stage.
        for (SecAggTestClient c : clients) {
            assertEquals(1, c.next(TrainInstruction.class).round());
            c.advertise();
        }
        for (SecAggTestClient c : clients) {
            c.share();
        }
        for (int i = 0; i < 4; i++) {
            clients.get(i).mask(DELTAS[i], 10L * (i + 1));
        }
        // Someone on c3's path also sends a forged copy of c3's unmasking answer first: refused and counted.
        clients.get(3).tamper(r -> {
            if (r instanceof SecAggUnmaskAnswered) {
                inbox.tell(SecAggTestClient.flipSignature(r));
            }
            return r;
        });
        for (SecAggTestClient c : clients) {
            c.unmask();
        }
        RoundMetrics second = listener.expectMessageClass(RoundMetrics.class, WAIT);
        assertEquals(1, second.round());
        assertEquals(2, second.attempt());
        assertEquals("completed", second.status().key(), second.toJson());
        assertEquals("secagg-unmasked", second.closedBy().key(), second.toJson());
        assertEquals(4, second.participants());
        assertEquals(Map.of("bad_signature", 1), second.rejected(), second.toJson());
        assertEquals(1, second.modelVersion());

        float[] global = new CheckpointStore(dir.resolve("ckpt"), 3).latestValid().orElseThrow().parameters()
                .values();
        double bound = settings.configFor(4, LAYOUT.totalSize(), 0).quantisationBound(4) / 100 + 1e-6;
        for (int j = 0; j < INITIAL.length; j++) {
            double sum = 0;
            for (int i = 0; i < 4; i++) {
                sum += 10.0 * (i + 1) * Math.max(-CLIP, Math.min(CLIP, DELTAS[i][j]));
            }
            assertEquals(INITIAL[j] + sum / 100, global[j], bound, "parameter " + j);
        }
        assertTrue(bound < 1e-3, "the quantisation bound is tight: " + bound);
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
            TimeUnit.MILLISECONDS.sleep(100);
        }
        throw new AssertionError("coordinator never registered");
    }
}
