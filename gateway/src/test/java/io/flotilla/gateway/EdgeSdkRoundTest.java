package io.flotilla.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.Behaviors;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.flotilla.aggregation.FedAvg;
import io.flotilla.coordinator.CoordinatorConfig;
import io.flotilla.coordinator.CoordinatorNode;
import io.flotilla.coordinator.CoordinatorResources;
import io.flotilla.coordinator.RoundMetrics;
import io.flotilla.crypto.pki.FederationCa;
import io.flotilla.crypto.pki.KeyDirectory;
import io.flotilla.crypto.pki.NodeRole;
import io.flotilla.data.Dataset;
import io.flotilla.data.FashionMnist;
import io.flotilla.gateway.edge.EdgeCounters;
import io.flotilla.nn.ModelZoo;
import io.flotilla.node.ClusterSetup;
import io.flotilla.node.RoundTermsSetup;
import io.flotilla.sdk.CycleOutcome;
import io.flotilla.sdk.FlotillaClient;
import io.flotilla.wire.SecurityMode;
import io.flotilla.wire.seal.ProtectionSetup;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real parts end to end: a coordinator and a gateway as two cluster nodes over mutual TLS on loopback, and three
 * real SDK clients ({@link FlotillaClient}, each with its own client certificate, identity key and Fashion-MNIST
 * shard of the shipped split) that speak only HTTPS to the gateway. The coordinator signs every client's round
 * terms, the gateway relays them, the SDK verifies them, trains, seals to the round key and uploads. Two rounds
 * complete with all three updates folded, and the model version advances.
 */
class EdgeSdkRoundTest {
    private static final int CLIENTS = 3;
    private static final int SHARD = 200;
    private static final Duration WAIT = Duration.ofSeconds(180);

    @TempDir
    static Path keys;
    private static Dataset train;

    @TempDir
    Path dir;

    private final List<ActorSystem<?>> systems = new ArrayList<>();
    private final List<FlotillaClient> clients = new ArrayList<>();
    private final List<Thread> loops = new ArrayList<>();

    @BeforeAll
    static void issueKeys() throws Exception {
        FederationCa ca = FederationCa.init(new KeyDirectory(keys), "edge-test", new SecureRandom());
        ca.issue(NodeRole.COORDINATOR, "coordinator");
        ca.issue(NodeRole.GATEWAY, "localhost");
        ca.issue(NodeRole.GATEWAY, "gw-2");
        for (int i = 0; i < CLIENTS; i++) {
            ca.issue(NodeRole.CLIENT, "sdk-" + i);
        }
        train = FashionMnist.load(null).train();
    }

    @AfterEach
    void shutdown() throws InterruptedException {
        for (FlotillaClient c : clients) {
            c.close();
        }
        for (Thread t : loops) {
            t.join(60_000);
        }
        EdgeNodes.terminate(systems);
    }

    private ActorSystem<Void> coordinator(BlockingQueue<RoundMetrics> out, int rounds, String roundTimeout) {
        Config config = EdgeNodes.nodeConfig(keys, "coordinator", "coordinator", "");
        CoordinatorConfig cfg = CoordinatorConfig.from(ConfigFactory.parseString("flotilla { rounds = " + rounds
                + ", model = logreg, min_available_clients = " + CLIENTS + ", min_fit_clients = " + CLIENTS
                + ", round_timeout = " + roundTimeout + ", evaluation.centralized = false, local { lr = 0.1, batch_size = 32 }, "
                + "checkpoint.dir = \"" + dir.resolve("ckpt") + "\", metrics.file = \"" + dir.resolve("rounds.jsonl")
                + "\" }").withFallback(ConfigFactory.load()).resolve());
        ActorSystem<Void> system = ActorSystem.create(Behaviors.setup(ctx -> {
            ActorRef<RoundMetrics> listener = ctx.spawn(Behaviors.<RoundMetrics>receiveMessage(m -> {
                out.add(m);
                return Behaviors.same();
            }), "metrics");
            return CoordinatorNode.create(cfg, blobs -> new CoordinatorResources(
                    ModelZoo.spec("logreg").initialize(cfg.seed()), new FedAvg(), blobs,
                    ProtectionSetup.coordinator(config, SecurityMode.ENVELOPE), null, null, listener,
                    RoundTermsSetup.signer(config)));
        }), ClusterSetup.SYSTEM_NAME, config);
        systems.add(system);
        return system;
    }

    private FlotillaClient sdkClient(int i, URI... gateways) throws Exception {
        Dataset shard = train.slice(i * SHARD, (i + 1) * SHARD);
        FlotillaClient.Builder b = FlotillaClient.builder();
        for (URI g : gateways) {
            b.gateway(g);
        }
        FlotillaClient c = b.keyDirectory(keys, "sdk-" + i)
                .model("logreg").security("envelope").localData(() -> shard)
                .backoff(Duration.ofMillis(50), Duration.ofSeconds(1)).idleCheckIn(Duration.ofMillis(100))
                .connectTimeout(Duration.ofSeconds(10)).requestTimeout(Duration.ofSeconds(60))
                .random(new Random(i)).build();
        clients.add(c);
        Thread loop = new Thread(() -> {
            try {
                c.run();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, "sdk-" + i);
        loops.add(loop);
        loop.start();
        return c;
    }

    @Test
    void threeSdkClientsCompleteTwoSignedEnvelopeRoundsThroughARealGateway() throws Exception {
        BlockingQueue<RoundMetrics> metrics = new LinkedBlockingQueue<>();
        ActorSystem<Void> coordinator = coordinator(metrics, 2, "120s");
        EdgeNodes.join(coordinator, coordinator);
        ActorSystem<Void> gatewaySystem = EdgeNodes.gatewaySystem(keys, "localhost",
                "flotilla.gateway.check-in.retry-after = 200ms\n");
        systems.add(gatewaySystem);
        EdgeNodes.join(gatewaySystem, coordinator);
        Gateway gateway = Gateway.start(gatewaySystem, EdgeNodes.settings(gatewaySystem)).toCompletableFuture()
                .get(60, TimeUnit.SECONDS);
        URI url = URI.create("https://127.0.0.1:" + gateway.address().getPort());
        for (int i = 0; i < CLIENTS; i++) {
            sdkClient(i, url);
        }

        RoundMetrics first = metrics.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertNotNull(first, "round 1 did not close");
        RoundMetrics second = metrics.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertNotNull(second, "round 2 did not close");
        for (RoundMetrics m : List.of(first, second)) {
            assertEquals("completed", m.status().key(), m.toJson());
            assertEquals(CLIENTS, m.participants(), m.toJson());
            assertEquals(0, m.rejectedTotal(), m.toJson());
            assertEquals(0, m.refused(), "no SDK client refused its signed terms: " + m.toJson());
        }
        assertEquals(1, first.round());
        assertEquals(2, second.round());
        assertTrue(second.modelVersion() > first.modelVersion(), first.toJson() + " then " + second.toJson());
        assertEquals(2L * CLIENTS, gateway.counters().get(EdgeCounters.UPDATES_ACCEPTED));

        // Each SDK client learns the coordinator's verdict on both of its updates.
        long end = System.nanoTime() + WAIT.toNanos();
        while (!allSubmittedTwice() && System.nanoTime() < end) {
            loops.get(0).join(50);
        }
        for (FlotillaClient c : clients) {
            assertTrue(c.outcomeCounts().getOrDefault(CycleOutcome.Kind.SUBMITTED, 0L) >= 2,
                    c.clientId() + ": " + c.outcomeCounts());
            assertFalse(c.outcomeCounts().containsKey(CycleOutcome.Kind.REFUSED), c.clientId() + ": "
                    + c.outcomeCounts());
        }
    }

    @Test
    void clientsFailOverToASecondGatewayWhenTheFirstStops() throws Exception {
        BlockingQueue<RoundMetrics> metrics = new LinkedBlockingQueue<>();
        ActorSystem<Void> coordinator = coordinator(metrics, 5, "20s");
        EdgeNodes.join(coordinator, coordinator);
        ActorSystem<Void> firstSystem = EdgeNodes.gatewaySystem(keys, "localhost",
                "flotilla.gateway.check-in.retry-after = 200ms\n");
        ActorSystem<Void> secondSystem = EdgeNodes.gatewaySystem(keys, "gw-2",
                "flotilla.gateway.check-in.retry-after = 200ms\n");
        systems.add(secondSystem);
        EdgeNodes.join(firstSystem, coordinator);
        EdgeNodes.join(secondSystem, coordinator);
        Gateway first = Gateway.start(firstSystem, EdgeNodes.settings(firstSystem)).toCompletableFuture()
                .get(60, TimeUnit.SECONDS);
        Gateway second = Gateway.start(secondSystem, EdgeNodes.settings(secondSystem)).toCompletableFuture()
                .get(60, TimeUnit.SECONDS);
        URI one = URI.create("https://127.0.0.1:" + first.address().getPort());
        URI two = URI.create("https://127.0.0.1:" + second.address().getPort());
        for (int i = 0; i < CLIENTS; i++) {
            sdkClient(i, one, two);
        }

        RoundMetrics round1 = metrics.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertNotNull(round1, "round 1 did not close");
        assertEquals("completed", round1.status().key(), round1.toJson());
        assertEquals(CLIENTS, round1.participants(), round1.toJson());
        assertEquals(0, second.counters().get(EdgeCounters.UPDATES_ACCEPTED), "the first gateway is preferred");

        // The first gateway goes away (it leaves the cluster); its clients find the second on their own.
        first.stop(Duration.ofSeconds(5)).toCompletableFuture().get(60, TimeUnit.SECONDS);
        firstSystem.terminate();
        firstSystem.getWhenTerminated().toCompletableFuture().get(60, TimeUnit.SECONDS);

        RoundMetrics later = null;
        long end = System.nanoTime() + WAIT.toNanos();
        while (later == null && System.nanoTime() < end) {
            RoundMetrics m = metrics.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertNotNull(m, "no round closed after the first gateway stopped");
            if ("completed".equals(m.status().key()) && m.participants() == CLIENTS) {
                later = m;
            }
        }
        assertNotNull(later, "no round completed through the second gateway");
        assertTrue(later.modelVersion() > round1.modelVersion(), round1.toJson() + " then " + later.toJson());
        assertTrue(second.counters().get(EdgeCounters.UPDATES_ACCEPTED) >= CLIENTS,
                "updates accepted by the second gateway: " + second.counters().get(EdgeCounters.UPDATES_ACCEPTED));
    }

    private boolean allSubmittedTwice() {
        for (FlotillaClient c : clients) {
            if (c.outcomeCounts().getOrDefault(CycleOutcome.Kind.SUBMITTED, 0L) < 2) {
                return false;
            }
        }
        return true;
    }
}
