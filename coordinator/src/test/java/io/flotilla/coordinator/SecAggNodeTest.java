package io.flotilla.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.Behaviors;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.flotilla.aggregation.FedAvg;
import io.flotilla.client.ClientAgent;
import io.flotilla.client.ClientResources;
import io.flotilla.crypto.pki.FederationCa;
import io.flotilla.crypto.pki.KeyDirectory;
import io.flotilla.crypto.pki.NodeRole;
import io.flotilla.data.Dataset;
import io.flotilla.data.FashionMnist;
import io.flotilla.data.IidPartitioner;
import io.flotilla.data.Partition;
import io.flotilla.fit.TrainConfig;
import io.flotilla.model.ParameterSet;
import io.flotilla.nn.EvalResult;
import io.flotilla.nn.LocalTrainer;
import io.flotilla.nn.ModelSpec;
import io.flotilla.nn.ModelZoo;
import io.flotilla.nn.NeuralTrainer;
import io.flotilla.nn.TrainResult;
import io.flotilla.node.ClusterSetup;
import io.flotilla.wire.seal.SecAggSettings;
import io.flotilla.wire.SecurityMode;
import io.flotilla.wire.seal.SecAggSection;
import io.flotilla.wire.seal.ProtectionSetup;
import io.flotilla.wire.transfer.ClusterBlobExchange;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secure aggregation between separate actor systems: a coordinator node and four client nodes over Artery with
 * mutual TLS 1.3 on 127.0.0.1, {@code security = secagg} configured as a deployment configures it, the four
 * stages relayed over the cluster and masked inputs through the chunked blob transfer, mnist-2nn trained for real
 * on Fashion-MNIST. The model after each round equals plaintext FedAvg of the deltas the clients computed
 * (recorded by their trainers) within the quantisation bound, including a round in which a client's node goes
 * down after sharing its keys and before its masked input.
 */
class SecAggNodeTest {
    private static final Duration ROUND_WAIT = Duration.ofSeconds(180);
    private static final ModelSpec SPEC = ModelZoo.spec("mnist-2nn");
    private static final int CLIENTS = 4;
    private static List<Dataset> shards;
    private static Dataset heldOut;

    @TempDir
    Path dir;

    @TempDir
    static Path keys;

    private final List<ActorSystem<?>> systems = new ArrayList<>();
    /** Per client: (global it trained from, trained parameters, examples) of each round, in order. */
    private final Map<String, List<TrainResult[]>> trained = new ConcurrentHashMap<>();
    /** client-3 holds its third training here, after sharing its keys, until its node is gone. */
    private final CountDownLatch thirdStarted = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeAll
    static void setUp() throws Exception {
        FashionMnist data = FashionMnist.load(null);
        // 1,000 examples a client, from the full set (60 shards) or the shipped split (8 shards) alike.
        Partition p = new IidPartitioner().split(data.train(), data.train().size() / 1000, 5);
        heldOut = data.test().slice(0, 2000);
        shards = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            shards.add(p.view(data.train(), i));
        }
        FederationCa ca = FederationCa.init(new KeyDirectory(keys), "secagg-test", new SecureRandom());
        ca.issue(NodeRole.COORDINATOR, "coordinator");
        for (int i = 0; i < CLIENTS; i++) {
            ca.issue(NodeRole.HOST, "client-" + i);
        }
    }

    @AfterEach
    void shutdown() {
        release.countDown();
        LoopbackNodes.terminate(systems);
    }

    private Config nodeConfig(String role, String name) {
        return LoopbackNodes.nodeConfig(keys, role, name, "flotilla.federation = secagg-test\n"
                + "flotilla.security = secagg\n"
                + "flotilla.secagg { clip_range = 0.5, unmask_timeout = 20s }\n");
    }

    private CoordinatorConfig coordinatorConfig(Config node, int rounds) {
        return CoordinatorConfig.from(ConfigFactory.parseString("flotilla { rounds = " + rounds
                + ", model = mnist-2nn, min_available_clients = 4, min_fit_clients = 3, round_timeout = 90s, "
                + "local { lr = 0.05, batch_size = 32 }, checkpoint.dir = \"" + dir.resolve("ckpt")
                + "\", metrics.file = \"" + dir.resolve("rounds.jsonl") + "\" }").withFallback(node).resolve());
    }

    private ActorSystem<Void> coordinatorNode(int rounds, BlockingQueue<RoundMetrics> out) {
        Config config = nodeConfig("coordinator", "coordinator");
        CoordinatorConfig cfg = coordinatorConfig(config, rounds);
        assertEquals(SecurityMode.SECAGG, cfg.security());
        ActorSystem<Void> system = ActorSystem.create(Behaviors.setup(ctx -> {
            ActorRef<RoundMetrics> listener = ctx.spawn(Behaviors.<RoundMetrics>receiveMessage(m -> {
                out.add(m);
                return Behaviors.same();
            }), "metrics");
            return CoordinatorNode.create(cfg, blobs -> new CoordinatorResources(SPEC.initialize(cfg.seed()),
                    new FedAvg(), blobs, ProtectionSetup.coordinator(config, cfg.security()), new NeuralTrainer(SPEC),
                    heldOut, listener));
        }), ClusterSetup.SYSTEM_NAME, config);
        systems.add(system);
        return system;
    }

    /** The client's trainer, recording what it trained so the test can compute plaintext FedAvg. */
    private LocalTrainer recording(String id) {
        NeuralTrainer inner = new NeuralTrainer(SPEC);
        List<TrainResult[]> log = trained.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>());
        return new LocalTrainer() {
            @Override
            public TrainResult train(ParameterSet initial, Dataset data, TrainConfig config, long seed) {
                TrainResult r = inner.train(initial, data, config, seed);
                if (id.equals("client-3") && log.size() == 2) {
                    thirdStarted.countDown();
                    try {
                        release.await(120, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                log.add(new TrainResult[] {new TrainResult(initial.copy(), 0, 0, 0, 0),
                    new TrainResult(r.parameters().copy(), r.examples(), 0, 0, 0)});
                return r;
            }

            @Override
            public EvalResult evaluate(ParameterSet parameters, Dataset data) {
                return inner.evaluate(parameters, data);
            }
        };
    }

    private ActorSystem<Void> clientNode(int i) {
        String id = "client-" + i;
        Config config = nodeConfig("client", id);
        ActorSystem<Void> system = ActorSystem.create(Behaviors.setup(ctx -> {
            ClusterBlobExchange blobs = ClusterBlobExchange.start(ctx.getSystem());
            ctx.spawn(ClientAgent.create(new ClientResources(id, "mnist-2nn", SPEC.layout(), recording(id),
                    shards.get(i), null, blobs, ProtectionSetup.client(config, SecurityMode.SECAGG, id))),
                    "agent");
            return Behaviors.<Void>empty();
        }), ClusterSetup.SYSTEM_NAME, config);
        systems.add(system);
        return system;
    }

    private static void join(ActorSystem<?> node, ActorSystem<?> seed) {
        LoopbackNodes.join(node, seed);
    }

    private static RoundMetrics next(BlockingQueue<RoundMetrics> q) throws InterruptedException {
        return LoopbackNodes.next(q, ROUND_WAIT);
    }

    /**
     * Plaintext FedAvg of round {@code round}'s recorded deltas of {@code ids}, clipped as secure aggregation
     * clips them, applied to the global they trained from.
     */
    private float[] plaintextFedAvg(int round, List<String> ids, double clip) {
        float[] global = trained.get(ids.get(0)).get(round - 1)[0].parameters().values();
        double[] sum = new double[global.length];
        long total = 0;
        for (String id : ids) {
            TrainResult[] r = trained.get(id).get(round - 1);
            assertTrue(java.util.Arrays.equals(global, r[0].parameters().values()), "same global for all");
            float[] local = r[1].parameters().values();
            long w = r[1].examples();
            total += w;
            for (int j = 0; j < sum.length; j++) {
                float delta = local[j] - global[j];
                sum[j] += w * Math.max(-clip, Math.min(clip, delta));
            }
        }
        float[] out = new float[global.length];
        for (int j = 0; j < out.length; j++) {
            out[j] = (float) (global[j] + sum[j] / total);
        }
        return out;
    }

    @Test
    void fourClientNodesTrainWithSecureAggregationAndGetPlaintextFedAvgWithinQuantisation() throws Exception {
        BlockingQueue<RoundMetrics> metrics = new LinkedBlockingQueue<>();
        ActorSystem<Void> coordinator = coordinatorNode(3, metrics);
        join(coordinator, coordinator);
        List<ActorSystem<Void>> clients = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            clients.add(clientNode(i));
            join(clients.get(i), coordinator);
        }
        List<String> all = List.of("client-0", "client-1", "client-2", "client-3");
        SecAggSettings settings = SecAggSection.from(nodeConfig("coordinator", "coordinator"));
        double bound = settings.configFor(CLIENTS, SPEC.layout().totalSize(), 0).quantisationBound(CLIENTS)
                / (3.0 * 1000) + 1e-6;
        RoundMetrics r1 = next(metrics);
        assertEquals("completed", r1.status().key(), r1.toJson());
        assertEquals(CLIENTS, r1.participants(), r1.toJson());
        assertTrue(r1.bytesUp() >= CLIENTS * 4L * SPEC.layout().totalSize(), r1.toJson());
        RoundMetrics r2 = next(metrics);
        assertEquals("completed", r2.status().key(), r2.toJson());
        // Round 2's clients trained from the model round 1 made: compare it with plaintext FedAvg of round 1.
        float[] expected = plaintextFedAvg(1, all, settings.clipRange());
        float[] actual = trained.get("client-0").get(1)[0].parameters().values();
        double worst = 0;
        for (int j = 0; j < expected.length; j++) {
            worst = Math.max(worst, Math.abs(expected[j] - actual[j]));
        }
        assertTrue(worst <= bound, "largest difference to plaintext FedAvg " + worst + ", bound " + bound);

        // Round 3: client-3's node goes down after sharing its keys, before its masked input: the survivors
        // reveal their shares of its mask key and the sum of the other three is unmasked.
        assertTrue(thirdStarted.await(120, TimeUnit.SECONDS), "client-3 started round 3");
        clients.get(3).terminate();
        clients.get(3).getWhenTerminated().toCompletableFuture().join();
        release.countDown();
        RoundMetrics r3 = next(metrics);
        assertEquals(3, r3.round());
        assertEquals("completed", r3.status().key(), r3.toJson());
        assertEquals(3, r3.participants(), r3.toJson());
        float[] after3 = new CheckpointStore(dir.resolve("ckpt"), 5).latestValid().orElseThrow().parameters()
                .values();
        float[] expected3 = plaintextFedAvg(3, List.of("client-0", "client-1", "client-2"), settings.clipRange());
        double worst3 = 0;
        for (int j = 0; j < expected3.length; j++) {
            worst3 = Math.max(worst3, Math.abs(expected3[j] - after3[j]));
        }
        assertTrue(worst3 <= bound, "round 3 without client-3: difference " + worst3 + ", bound " + bound);
        assertTrue(r1.accuracy() > 0.5, r1.toJson());
        assertTrue(r3.accuracy() > r1.accuracy(), r3.toJson());
    }

}
