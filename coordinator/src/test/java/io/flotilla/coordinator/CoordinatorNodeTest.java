package io.flotilla.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.Behaviors;
import akka.cluster.typed.Cluster;
import akka.cluster.typed.Leave;
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
import io.flotilla.nn.ModelSpec;
import io.flotilla.nn.ModelZoo;
import io.flotilla.nn.NeuralTrainer;
import io.flotilla.node.ClusterSetup;
import io.flotilla.wire.SecurityMode;
import akka.actor.typed.receptionist.Receptionist;
import io.flotilla.crypto.X25519PrivateKey;
import io.flotilla.crypto.pki.IdentityCertificates;
import io.flotilla.crypto.pki.IdentityKeys;
import io.flotilla.fit.TrainConfig;
import io.flotilla.node.RoundTermsSetup;
import io.flotilla.wire.protocol.AnnounceClient;
import io.flotilla.wire.protocol.ClientMessage;
import io.flotilla.wire.protocol.CoordinatorMessage;
import io.flotilla.wire.protocol.RefuseInstruction;
import io.flotilla.wire.protocol.ServiceKeys;
import io.flotilla.wire.protocol.SubmitUpdate;
import io.flotilla.wire.protocol.TrainInstruction;
import io.flotilla.wire.terms.RoundTermsSigner;
import io.flotilla.wire.terms.SignedRoundTerms;
import io.flotilla.wire.transfer.BlobRef;
import io.flotilla.wire.seal.ProtectionSetup;
import io.flotilla.wire.transfer.ClusterBlobExchange;
import java.security.SecureRandom;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real clusters in one JVM: coordinator nodes and client nodes as separate actor systems over Artery with mutual
 * TLS 1.3 on 127.0.0.1 (certificates of a federation CA made in a temporary key directory), envelope-encrypted
 * and signed updates (the default security), the coordinator as a cluster singleton, parameters and deltas through the chunked blob transfer,
 * mnist-2nn trained for real on Fashion-MNIST partitions.
 */
class CoordinatorNodeTest {
    private static final Duration ROUND_WAIT = Duration.ofSeconds(120);
    private static final ModelSpec SPEC = ModelZoo.spec("mnist-2nn");
    private static List<Dataset> shards;
    private static Dataset heldOut;

    @TempDir
    Path dir;

    @TempDir
    static Path keys;

    private final List<ActorSystem<?>> systems = new ArrayList<>();

    @BeforeAll
    static void loadData() throws Exception {
        FashionMnist data = FashionMnist.load(null);
        // 2,000 examples a client, from the full set (30 shards) or the shipped split (4 shards) alike.
        Partition p = new IidPartitioner().split(data.train(), data.train().size() / 2000, 7);
        shards = List.of(p.view(data.train(), 0), p.view(data.train(), 1), p.view(data.train(), 2));
        heldOut = data.test().slice(0, 2000);
    }

    @AfterEach
    void shutdown() {
        LoopbackNodes.terminate(systems);
    }

    @BeforeAll
    static void issueKeys() throws Exception {
        FederationCa ca = FederationCa.init(new KeyDirectory(keys), "node-test", new SecureRandom());
        ca.issue(NodeRole.COORDINATOR, "coordinator");
        for (int i = 0; i < 3; i++) {
            ca.issue(NodeRole.HOST, "client-" + i);
        }
        ca.issue(NodeRole.HOST, "rogue");
    }

    /** A node with mutual TLS from the shared key directory, as {@code flotilla coordinator/client} run it. */
    private Config nodeConfig(String role, String name) {
        return LoopbackNodes.nodeConfig(keys, role, name, "flotilla.federation = node-test\n");
    }

    private CoordinatorConfig coordinatorConfig(int rounds) {
        return CoordinatorConfig.from(ConfigFactory.parseString("flotilla { rounds = " + rounds
                + ", model = mnist-2nn, min_available_clients = 3, min_fit_clients = 2, round_timeout = 90s, "
                + "local { lr = 0.1, batch_size = 32 }, checkpoint.dir = \"" + dir.resolve("ckpt")
                + "\", metrics.file = \"" + dir.resolve("rounds.jsonl") + "\" }")
                .withFallback(ConfigFactory.load()).resolve());
    }

    private ActorSystem<Void> coordinatorNode(CoordinatorConfig cfg, BlockingQueue<RoundMetrics> out) {
        Config config = nodeConfig("coordinator", "coordinator");
        ActorSystem<Void> system = ActorSystem.create(Behaviors.setup(ctx -> {
            // The listener is local to the node running the singleton: metrics never cross the wire.
            ActorRef<RoundMetrics> listener = ctx.spawn(Behaviors.<RoundMetrics>receiveMessage(m -> {
                out.add(m);
                return Behaviors.same();
            }), "metrics");
            return CoordinatorNode.create(cfg, blobs -> new CoordinatorResources(SPEC.initialize(cfg.seed()),
                    new FedAvg(), blobs, ProtectionSetup.coordinator(config, SecurityMode.ENVELOPE),
                    new NeuralTrainer(SPEC), heldOut, listener, RoundTermsSetup.signer(config)));
        }), ClusterSetup.SYSTEM_NAME, config);
        systems.add(system);
        return system;
    }

    private ActorSystem<Void> clientNode(int i) {
        Config config = nodeConfig("client", "client-" + i);
        ActorSystem<Void> system = ActorSystem.create(Behaviors.setup(ctx -> {
            ClusterBlobExchange blobs = ClusterBlobExchange.start(ctx.getSystem());
            ctx.spawn(ClientAgent.create(new ClientResources("client-" + i, "mnist-2nn", SPEC.layout(),
                    new NeuralTrainer(SPEC), shards.get(i), shards.get(i).slice(0, 200), blobs,
                    ProtectionSetup.client(config, SecurityMode.ENVELOPE, "client-" + i), null, null,
                    RoundTermsSetup.verifier(config, "client-" + i))), "agent");
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
     * The attack of issue 15: a certified member that is not the coordinator poses as one (registers as the
     * coordinator service, so client-0 announces to it), then sends client-0 a training instruction naming its own
     * round key, with terms signed by its own identity key. Over real mutual TLS between two nodes, client-0 refuses
     * before fetching anything and never submits.
     */
    @Test
    void aMemberPosingAsCoordinatorCannotHarvestAnUpdate() throws Exception {
        ActorSystem<Void> victim = clientNode(0);
        join(victim, victim);
        BlockingQueue<CoordinatorMessage> heard = new LinkedBlockingQueue<>();
        Config rogueConfig = nodeConfig("client", "rogue");
        ActorSystem<CoordinatorMessage> rogue = ActorSystem.create(Behaviors.setup(ctx -> {
            ctx.getSystem().receptionist().tell(Receptionist.register(ServiceKeys.COORDINATOR, ctx.getSelf()));
            return Behaviors.receiveMessage(m -> {
                heard.add(m);
                return Behaviors.same();
            });
        }), ClusterSetup.SYSTEM_NAME, rogueConfig);
        systems.add(rogue);
        join(rogue, victim);
        AnnounceClient announced = null;
        while (announced == null) {
            CoordinatorMessage m = heard.poll(ROUND_WAIT.toSeconds(), TimeUnit.SECONDS);
            assertTrue(m != null, "client-0 never announced itself to the rogue");
            if (m instanceof AnnounceClient a && a.clientId().equals("client-0")) {
                announced = a;
            }
        }
        byte[] rogueRoundKey = X25519PrivateKey.generate(new SecureRandom()).publicKey().toBytes();
        TrainInstruction ins = new TrainInstruction(1, 0, "mnist-2nn", SPEC.layout().totalSize(),
                new BlobRef("ab".repeat(32), 1000, ""), TrainConfig.defaults(), 1L,
                System.currentTimeMillis() + 60_000, null, SecurityMode.ENVELOPE, rogue, rogueRoundKey);
        KeyDirectory dir = new KeyDirectory(keys);
        byte[] terms = ins.terms("node-test", "client-0").encode();
        byte[] forged = new SignedRoundTerms(terms, IdentityKeys.loadPrivate(dir, "rogue")
                .sign(RoundTermsSigner.message(terms)), IdentityCertificates.load(dir, "rogue").getEncoded()).encode();
        announced.client().tell(new TrainInstruction(ins.round(), ins.modelVersion(), ins.model(),
                ins.parameterCount(), ins.parameters(), ins.config(), ins.seed(), ins.deadlineEpochMillis(), null,
                ins.security(), rogue, rogueRoundKey, forged));
        while (true) {
            CoordinatorMessage m = heard.poll(ROUND_WAIT.toSeconds(), TimeUnit.SECONDS);
            assertTrue(m != null, "client-0 neither refused nor answered");
            assertTrue(!(m instanceof SubmitUpdate), "client-0 sealed an update to the rogue's key");
            if (m instanceof RefuseInstruction r) {
                assertEquals("round terms refused: terms signed by a 'host' certificate (rogue), not a "
                        + "coordinator's", r.reason());
                break;
            }
        }
    }

    /**
     * The other attacks of issue 15, over mutual TLS: a certified host re-announces as client-1 (whose agent is
     * alive) and as an id without an enrolled identity key, with its own inbox listed as a client. Neither enters a
     * cohort: the next round still runs with the three real members, and the impostor's inbox is never instructed.
     */
    @Test
    void anImpostorHostNeverTakesAMembersIdNorEntersACohortUnenrolled() throws Exception {
        BlockingQueue<RoundMetrics> metrics = new LinkedBlockingQueue<>();
        ActorSystem<Void> coordinator = coordinatorNode(coordinatorConfig(3), metrics);
        join(coordinator, coordinator);
        for (int i = 0; i < 3; i++) {
            join(clientNode(i), coordinator);
        }
        assertEquals(1, next(metrics).round());
        BlockingQueue<ClientMessage> instructed = new LinkedBlockingQueue<>();
        BlockingQueue<ActorRef<CoordinatorMessage>> coordinators = new LinkedBlockingQueue<>();
        ActorSystem<Void> rogue = ActorSystem.create(Behaviors.<Void>setup(ctx -> {
            ActorRef<ClientMessage> inbox = ctx.spawn(Behaviors.<ClientMessage>receiveMessage(m -> {
                instructed.add(m);
                return Behaviors.same();
            }), "inbox");
            ctx.getSystem().receptionist().tell(Receptionist.register(ServiceKeys.CLIENTS, inbox));
            ActorRef<Receptionist.Listing> listings = ctx.spawn(Behaviors.<Receptionist.Listing>receiveMessage(l -> {
                for (ActorRef<CoordinatorMessage> c : l.getServiceInstances(ServiceKeys.COORDINATOR)) {
                    c.tell(new AnnounceClient("client-1", 5000, List.of("mnist-2nn", "security:envelope"), inbox));
                    c.tell(new AnnounceClient("stranger", 5000, List.of("mnist-2nn", "security:envelope"), inbox));
                    coordinators.add(c);
                }
                return Behaviors.same();
            }), "listings");
            ctx.getSystem().receptionist().tell(Receptionist.subscribe(ServiceKeys.COORDINATOR, listings));
            return Behaviors.empty();
        }), ClusterSetup.SYSTEM_NAME, nodeConfig("client", "rogue"));
        systems.add(rogue);
        join(rogue, coordinator);
        assertTrue(coordinators.poll(ROUND_WAIT.toSeconds(), TimeUnit.SECONDS) != null,
                "the impostor never found the coordinator");
        // Round 3 is sampled after round 2 closed, which is after the announcements went out (round 2 may have
        // been sampled before they arrived).
        for (int r = 2; r <= 3; r++) {
            RoundMetrics m = next(metrics);
            assertEquals(r, m.round());
            assertEquals("completed", m.status().key(), m.toJson());
            assertEquals(3, m.cohort(), m.toJson());
            assertEquals(3, m.participants(), m.toJson());
        }
        for (ClientMessage c : instructed) {
            assertTrue(!(c instanceof TrainInstruction), "the impostor was instructed: " + c);
        }
    }

    @Test
    void coordinatorAndThreeClientsRunFedAvgRoundsOverArtery() throws Exception {
        BlockingQueue<RoundMetrics> metrics = new LinkedBlockingQueue<>();
        ActorSystem<Void> coordinator = coordinatorNode(coordinatorConfig(3), metrics);
        join(coordinator, coordinator);
        for (int i = 0; i < 3; i++) {
            join(clientNode(i), coordinator);
        }
        List<RoundMetrics> rounds = new ArrayList<>();
        for (int r = 1; r <= 3; r++) {
            RoundMetrics m = next(metrics);
            assertEquals(r, m.round());
            assertEquals("completed", m.status().key(), m.toJson());
            assertEquals(3, m.participants(), m.toJson());
            assertEquals(0, m.rejectedTotal(), m.toJson());
            assertEquals(Map.of(), m.rejectedOutsideRound(), m.toJson());
            assertTrue(m.bytesDown() > 3L * 4 * SPEC.layout().totalSize(), m.toJson());
            assertTrue(m.federatedExamples() == 600, m.toJson());
            rounds.add(m);
        }
        // Trained for real: the held-out accuracy rises well above chance (0.1) and round over round.
        assertTrue(rounds.get(0).accuracy() > 0.5, rounds.get(0).toJson());
        assertTrue(rounds.get(2).accuracy() > rounds.get(0).accuracy(), rounds.get(2).toJson());
        assertTrue(rounds.get(2).loss() < rounds.get(0).loss(), rounds.get(2).toJson());
        // Federated evaluation measures each round's starting model: round 3's is better than round 1's.
        assertTrue(rounds.get(2).federatedAccuracy() > rounds.get(0).federatedAccuracy() + 0.2,
                rounds.get(2).toJson());
    }

    @Test
    void singletonHandsOverWhenTheOldestCoordinatorLeavesAndResumesFromTheCheckpoint() throws Exception {
        // Enough rounds that the hand-over (several seconds) comes before the oldest finishes them all: on an idle
        // machine a round of this federation takes well under a second, and 10 were all done before it.
        int rounds = 40;
        BlockingQueue<RoundMetrics> first = new LinkedBlockingQueue<>();
        BlockingQueue<RoundMetrics> second = new LinkedBlockingQueue<>();
        CoordinatorConfig cfg = coordinatorConfig(rounds);
        ActorSystem<Void> oldest = coordinatorNode(cfg, first);
        join(oldest, oldest);
        ActorSystem<Void> standby = coordinatorNode(cfg, second);
        join(standby, oldest);
        for (int i = 0; i < 3; i++) {
            join(clientNode(i), oldest);
        }
        RoundMetrics r1 = next(first);
        assertEquals(1, r1.round());
        assertEquals("completed", r1.status().key());
        Cluster.get(oldest).manager().tell(Leave.create(Cluster.get(oldest).selfMember().address()));
        // Rounds the oldest finished before leaving come on the first queue, the rest on the standby's. The round
        // in flight at the hand-over is lost on the oldest and run again by the standby: every round completes
        // exactly once, and the standby runs at least one. An attempt may be abandoned, never a round number: it is
        // retried under its number (clients still training for the oldest's round in flight answer "busy", which
        // is no answer, and their late updates are rejected).
        int[] completions = new int[rounds + 1];
        completions[1]++;
        int abandoned = 0;
        int standbyRounds = 0;
        int last = 1;
        long end = System.nanoTime() + ROUND_WAIT.multipliedBy(2).toNanos();
        while (last < rounds) {
            if (System.nanoTime() > end) {
                throw new AssertionError("stuck after round " + last);
            }
            RoundMetrics m = first.poll(100, TimeUnit.MILLISECONDS);
            if (m == null) {
                m = second.poll(100, TimeUnit.MILLISECONDS);
                if (m != null && m.status() == RoundStatus.COMPLETED) {
                    standbyRounds++;
                }
            }
            if (m != null) {
                if (m.status() == RoundStatus.ABANDONED) {
                    abandoned++;
                } else {
                    assertEquals("completed", m.status().key(), m.toJson());
                    completions[m.round()]++;
                    last = Math.max(last, m.round());
                }
            }
        }
        for (int r = 1; r <= rounds; r++) {
            assertEquals(1, completions[r], "round " + r + " completed once");
        }
        assertTrue(standbyRounds >= 1, "the standby took over and completed a round (" + abandoned
                + " rounds abandoned)");
    }
}
