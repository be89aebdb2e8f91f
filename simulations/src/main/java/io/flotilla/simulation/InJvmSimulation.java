package io.flotilla.simulation;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import akka.cluster.typed.Cluster;
import akka.cluster.typed.ClusterSingleton;
import akka.cluster.typed.ClusterSingletonSettings;
import akka.cluster.typed.Join;
import akka.cluster.typed.SingletonActor;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.flotilla.aggregation.ArrivalOrderFree;
import io.flotilla.aggregation.Strategy;
import io.flotilla.coordinator.Checkpoint;
import io.flotilla.coordinator.CheckpointStore;
import io.flotilla.coordinator.Coordinator;
import io.flotilla.coordinator.CoordinatorConfig;
import io.flotilla.coordinator.CoordinatorResources;
import io.flotilla.wire.terms.RoundTermsSigner;
import io.flotilla.coordinator.RoundMetrics;
import io.flotilla.coordinator.RoundStatus;
import io.flotilla.coordinator.StrategyFactory;
import io.flotilla.model.ParameterSet;
import io.flotilla.nn.ModelSpec;
import io.flotilla.nn.ModelZoo;
import io.flotilla.nn.NeuralTrainer;
import io.flotilla.node.ClusterSetup;
import io.flotilla.simulation.scenario.Scenario;
import io.flotilla.wire.seal.SecAggSection;
import io.flotilla.wire.transfer.BlobExchange;
import io.flotilla.wire.transfer.InProcessBlobExchange;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a scenario in one JVM with the deployment's own actors: one actor system (a single-node cluster) hosting
 * the {@link Coordinator} singleton and one {@link io.flotilla.client.ClientAgent} per virtual client
 * ({@link VirtualClients}). Clients train on a bounded dispatcher (one thread per core), their data are views over
 * one shared copy, and parameters and updates move through an in-process blob exchange that holds each blob once.
 *
 * <p>Akka Cluster cannot run without a remote provider, so the node binds a loopback port although nothing outside
 * the JVM has any business there; it listens over mutual TLS with throwaway keys made for the run in
 * {@code keys/} of the run directory ({@link RunKeys}; deleted when the run ends), so another local process
 * without them cannot complete a handshake. The actors inside the JVM exchange messages without touching the transport.
 */
public final class InJvmSimulation {
    private static final Logger LOG = LoggerFactory.getLogger(InJvmSimulation.class);

    private InJvmSimulation() {
    }

    /**
     * Runs {@code s}, handing each round's metrics to {@code onRound} as it finishes; writes checkpoints and the
     * coordinator's metrics log under {@code workDir}.
     *
     * @return the final global model
     */
    public static ParameterSet run(Scenario s, SimulationData data, Path workDir, Consumer<RoundMetrics> onRound)
            throws IOException, InterruptedException {
        return run(s, data, workDir, onRound, system -> { });
    }

    /** As above, handing the started actor system to {@code onStarted} first (tests probe its transport). */
    static ParameterSet run(Scenario s, SimulationData data, Path workDir, Consumer<RoundMetrics> onRound,
                            Consumer<ActorSystem<Void>> onStarted) throws IOException, InterruptedException {
        ModelSpec spec = ModelZoo.spec(s.model());
        ParameterSet initial = spec.initialize(s.seed(), s.init());
        Config flotilla = Scenarios.coordinatorConfig(s, workDir);
        Config full = flotilla.withFallback(ConfigFactory.defaultReference()).resolve();
        CoordinatorConfig coordinatorConfig = CoordinatorConfig.from(full);
        Strategy finalStrategy = StrategyFactory.create(coordinatorConfig,
                st -> s.deterministic() ? new ArrivalOrderFree(st) : st);
        BlockingQueue<RoundMetrics> rounds = new LinkedBlockingQueue<>();
        BlobExchange blobs = new InProcessBlobExchange();
        List<String> ids = new ArrayList<>();
        for (int c = 0; c < s.clients(); c++) {
            ids.add(clientId(c));
        }
        SimulationSecurity security = SimulationSecurity.create(s.security(), SecAggSection.from(full), ids);

        Path keys = workDir.resolve("keys");
        Path tls = transportKeys(keys);
        RoundTermsSigner signer = RunKeys.termsSigner(tls);
        Behavior<Void> guardian = Behaviors.setup(ctx -> {
            Cluster cluster = Cluster.get(ctx.getSystem());
            cluster.manager().tell(Join.create(cluster.selfMember().address()));
            ActorRef<RoundMetrics> listener = ctx.spawn(Behaviors.receiveMessage(m -> {
                rounds.add(m);
                return Behaviors.same();
            }), "simulation-listener");
            CoordinatorResources resources = new CoordinatorResources(initial, finalStrategy, blobs,
                    security.coordinator(), new NeuralTrainer(spec), data.heldOut(), listener, signer);
            ClusterSingleton.get(ctx.getSystem()).init(SingletonActor.of(
                    Coordinator.create(coordinatorConfig, resources), "flotilla-coordinator")
                    .withSettings(ClusterSingletonSettings.create(ctx.getSystem()).withRole("coordinator")));
            int[] all = new int[s.clients()];
            for (int c = 0; c < all.length; c++) {
                all[c] = c;
            }
            VirtualClients.spawn(ctx, s, data, blobs, c -> security.client(clientId(c)),
                    c -> RunKeys.termsVerifier(tls, clientId(c)), all);
            return Behaviors.empty();
        });

        ActorSystem<Void> system = ActorSystem.create(guardian, ClusterSetup.SYSTEM_NAME,
                Scenarios.nodeConfig(flotilla, tls));
        try {
            onStarted.accept(system);
            long perRoundMillis = (long) ((s.roundTimeoutSeconds() + s.evaluation().federatedTimeoutSeconds()) * 1000)
                    + 120_000;
            for (int r = 1; r <= s.rounds(); ) {
                RoundMetrics m = rounds.poll(perRoundMillis, TimeUnit.MILLISECONDS);
                if (m == null) {
                    throw new IllegalStateException("no round finished within " + perRoundMillis / 1000
                            + " s (round " + r + " of " + s.rounds() + "); see the log");
                }
                onRound.accept(m);
                if (m.status() == RoundStatus.STOPPED) {
                    LOG.info("training stopped before round {}: {}", m.round(), m.closedBy().key());
                    break;
                }
                if (m.endsTraining(s.rounds())) {
                    break;
                }
                r = m.usesUpRound() ? m.round() + 1 : m.round();
            }
        } finally {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().join();
            // Throwaway: nothing can use them once the node is gone, and a CA key should not linger.
            deleteTree(keys);
        }
        Optional<Checkpoint> last = new CheckpointStore(coordinatorConfig.checkpointDir(),
                coordinatorConfig.checkpointKeep()).latestValid();
        LOG.debug("simulation finished; final checkpoint present: {}", last.isPresent());
        return last.map(Checkpoint::parameters).orElse(initial);
    }

    /**
     * Makes the run's throwaway CA and coordinator certificate (ECDSA P-256) under {@code keys}, replacing any left
     * by an earlier run into the same directory.
     */
    private static Path transportKeys(Path keys) throws IOException {
        long start = System.nanoTime();
        deleteTree(keys);
        try {
            Path tls = RunKeys.create(keys, 0, 0).tlsDir();
            LOG.debug("throwaway TLS keys for the simulation node in {} ({} ms)", tls,
                    (System.nanoTime() - start) / 1_000_000);
            return tls;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot make the simulation node's TLS keys: " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    static String clientId(int c) {
        return VirtualClients.clientId(c);
    }
}
