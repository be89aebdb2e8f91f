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
import io.flotilla.coordinator.RoundMetrics;
import io.flotilla.coordinator.RoundStatus;
import io.flotilla.coordinator.StrategyFactory;
import io.flotilla.model.ParameterSet;
import io.flotilla.nn.ModelSpec;
import io.flotilla.nn.ModelZoo;
import io.flotilla.nn.NeuralTrainer;
import io.flotilla.simulation.scenario.Scenario;
import io.flotilla.wire.protocol.BlobExchange;
import io.flotilla.wire.protocol.InProcessBlobExchange;
import io.flotilla.wire.protocol.node.ClusterSetup;
import io.flotilla.wire.seal.SecAggSection;
import java.io.IOException;
import java.nio.file.Path;
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

        Behavior<Void> guardian = Behaviors.setup(ctx -> {
            Cluster cluster = Cluster.get(ctx.getSystem());
            cluster.manager().tell(Join.create(cluster.selfMember().address()));
            ActorRef<RoundMetrics> listener = ctx.spawn(Behaviors.receiveMessage(m -> {
                rounds.add(m);
                return Behaviors.same();
            }), "simulation-listener");
            CoordinatorResources resources = new CoordinatorResources(initial, finalStrategy, blobs,
                    security.coordinator(), new NeuralTrainer(spec), data.heldOut(), listener);
            ClusterSingleton.get(ctx.getSystem()).init(SingletonActor.of(
                    Coordinator.create(coordinatorConfig, resources), "flotilla-coordinator")
                    .withSettings(ClusterSingletonSettings.create(ctx.getSystem()).withRole("coordinator")));
            int[] all = new int[s.clients()];
            for (int c = 0; c < all.length; c++) {
                all[c] = c;
            }
            VirtualClients.spawn(ctx, s, data, blobs, c -> security.client(clientId(c)), all);
            return Behaviors.empty();
        });

        ActorSystem<Void> system = ActorSystem.create(guardian, ClusterSetup.SYSTEM_NAME,
                Scenarios.nodeConfig(flotilla));
        try {
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
                r = m.round() + 1;
            }
        } finally {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().join();
        }
        Optional<Checkpoint> last = new CheckpointStore(coordinatorConfig.checkpointDir(),
                coordinatorConfig.checkpointKeep()).latestValid();
        LOG.debug("simulation finished; final checkpoint present: {}", last.isPresent());
        return last.map(Checkpoint::parameters).orElse(initial);
    }

    static String clientId(int c) {
        return VirtualClients.clientId(c);
    }
}
