package io.flotilla.simulation.multinode;

import akka.actor.typed.ActorSystem;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import akka.cluster.typed.Cluster;
import akka.cluster.typed.Join;
import com.typesafe.config.Config;
import io.flotilla.simulation.RunKeys;
import io.flotilla.aggregation.ArrivalOrderFree;
import io.flotilla.coordinator.CoordinatorConfig;
import io.flotilla.coordinator.CoordinatorNode;
import io.flotilla.coordinator.CoordinatorResources;
import io.flotilla.coordinator.RoundMetrics;
import io.flotilla.coordinator.StrategyFactory;
import io.flotilla.data.FashionMnist;
import io.flotilla.model.ParameterSet;
import io.flotilla.nn.ModelSpec;
import io.flotilla.nn.ModelZoo;
import io.flotilla.nn.NeuralTrainer;
import io.flotilla.simulation.scenario.Scenario;
import io.flotilla.simulation.scenario.ScenarioLoader;
import io.flotilla.wire.seal.CoordinatorProtection;
import io.flotilla.wire.seal.ProtectionSetup;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;

/**
 * The coordinator JVM of a multi-node run: {@code CoordinatorNodeProcess RUN_DIR PARENT_PID}. Reads the resolved
 * scenario from the run directory, starts the deployment's {@link CoordinatorNode} (the {@code Coordinator}
 * singleton over mutual TLS, envelope-opening with the enrolled virtual clients' keys), writes its Artery port to
 * {@code nodes/coordinator.port} once bound, appends every round's metrics to {@code nodes/metrics.lines}
 * ({@link MetricsLine}) and exits after the last round.
 */
public final class CoordinatorNodeProcess {
    private CoordinatorNodeProcess() {
    }

    /** Runs the coordinator node of the run in {@code runDir}; returns when it has finished. */
    static void run(Path runDir) throws IOException {
        Scenario s = ScenarioLoader.load(runDir.resolve("scenario.conf"), List.of());
        Path nodes = MultiNodeSimulation.nodesDir(runDir);
        RunKeys keys = RunKeys.open(nodes.resolve("keys"));
        Config full = NodeConfigs.coordinator(s, runDir, keys);
        CoordinatorConfig config = CoordinatorConfig.from(full);
        CoordinatorProtection protection = ProtectionSetup.coordinator(full, config.security());
        var terms = io.flotilla.node.RoundTermsSetup.signer(full);
        ModelSpec spec = ModelZoo.spec(s.model());
        ParameterSet initial = spec.initialize(s.seed(), s.init());
        var strategy = StrategyFactory.create(config, st -> s.deterministic() ? new ArrivalOrderFree(st) : st);
        var heldOut = FashionMnist.load(s.dataDir().isBlank() ? null : Path.of(s.dataDir())).test();
        BufferedWriter metrics = Files.newBufferedWriter(nodes.resolve(MultiNodeSimulation.METRICS_FILE),
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
        Behavior<RoundMetrics> writer = Behaviors.receive((ctx, m) -> {
            try {
                metrics.write(MetricsLine.encode(m));
                metrics.newLine();
                metrics.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (m.endsTraining(s.rounds())) {
                ctx.getLog().info("last round done; shutting down");
                ctx.getSystem().scheduler().scheduleOnce(Duration.ofSeconds(1), () -> ctx.getSystem().terminate(),
                        ctx.getExecutionContext());
            }
            return Behaviors.same();
        });
        ActorSystem<Void> system = ActorSystem.create(Behaviors.setup(ctx -> {
            Cluster cluster = Cluster.get(ctx.getSystem());
            cluster.manager().tell(Join.create(cluster.selfMember().address()));
            var listener = ctx.spawn(writer, "metrics-writer");
            return CoordinatorNode.create(config, blobs -> new CoordinatorResources(initial, strategy, blobs, protection,
                    new NeuralTrainer(spec), heldOut, listener, terms));
        }), io.flotilla.node.ClusterSetup.SYSTEM_NAME, full);
        Runtime.getRuntime().addShutdownHook(new Thread(system::terminate, "flotilla-shutdown"));
        int port = Cluster.get(system).selfMember().address().getPort()
                .orElseThrow(() -> new IllegalStateException("the coordinator's Artery address has no port"));
        Path tmp = nodes.resolve(MultiNodeSimulation.PORT_FILE + ".tmp");
        Files.writeString(tmp, port + "\n");
        Files.move(tmp, nodes.resolve(MultiNodeSimulation.PORT_FILE), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
        system.getWhenTerminated().toCompletableFuture().join();
        metrics.close();
    }

    /** {@code CoordinatorNodeProcess RUN_DIR PARENT_PID}. */
    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: CoordinatorNodeProcess RUN_DIR PARENT_PID");
            System.exit(2);
        }
        ChildJvm.configure();
        ChildJvm.exitWithParent(Long.parseLong(args[1]));
        try {
            run(Path.of(args[0]));
            System.exit(0);
        } catch (Exception e) {
            System.err.println("coordinator node failed: " + e);
            e.printStackTrace();
            System.exit(1);
        }
    }
}
