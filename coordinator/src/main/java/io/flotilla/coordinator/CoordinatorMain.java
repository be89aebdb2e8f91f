package io.flotilla.coordinator;

import akka.actor.typed.ActorSystem;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import com.typesafe.config.Config;
import io.flotilla.data.Dataset;
import io.flotilla.data.FashionMnist;
import io.flotilla.data.IdxReader;
import io.flotilla.model.ParameterSet;
import io.flotilla.nn.ModelSpec;
import io.flotilla.nn.ModelZoo;
import io.flotilla.nn.NeuralTrainer;
import io.flotilla.nn.WeightInit;
import io.flotilla.node.NodeLauncher;
import io.flotilla.wire.update.UpdateOpener;
import io.flotilla.wire.seal.ProtectionSetup;
import io.flotilla.node.RoundTermsSetup;
import io.flotilla.wire.terms.RoundTermsSigner;
import io.flotilla.node.ClusterSetup;
import io.flotilla.wire.seal.CoordinatorProtection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Process entry point of a coordinator node: {@code flotilla coordinator --config FILE}. Loads and validates the
 * configuration, the model and (when available) the held-out test set, joins the cluster with role
 * {@code coordinator}, runs the rounds, and exits when they are done.
 */
public final class CoordinatorMain {
    private static final Logger LOG = LoggerFactory.getLogger(CoordinatorMain.class);

    private CoordinatorMain() {
    }

    /** The {@code flotilla.init} scheme; an error names the key. */
    static WeightInit weightInit(Config full) {
        try {
            return WeightInit.parse(full.getString("flotilla.init"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("flotilla.init: " + e.getMessage(), e);
        }
    }

    /** Runs a coordinator node from {@code configFile}; returns the process exit code. */
    public static int run(Path configFile) throws IOException, InterruptedException {
        Config full = NodeLauncher.loadConfig(configFile, "coordinator");
        CoordinatorConfig config = CoordinatorConfig.from(full);
        CoordinatorProtection protection = ProtectionSetup.coordinator(full, config.security());
        RoundTermsSigner terms = RoundTermsSetup.signer(full);
        ModelSpec spec = ModelZoo.spec(config.model());
        ParameterSet initial = spec.initialize(config.seed(), weightInit(full));
        if (protection instanceof CoordinatorProtection.SecureSum secAgg) {
            // Refuse at start what every round would refuse: a cohort too small, a quantisation that could wrap.
            secAgg.settings().configFor(config.cohortSize(config.minAvailableClients()), initial.size(), 0);
        }
        Dataset heldOut = config.centralizedEvaluation() ? loadHeldOut(full.getString("flotilla.data.dir")) : null;
        var strategy = StrategyFactory.create(config);
        LOG.info("coordinator: model {} ({} parameters), {} rounds, strategy {}, security {}, checkpoints in {}",
                config.model(), initial.size(), config.rounds(), strategy.name(), config.security().configName(),
                config.checkpointDir().toAbsolutePath());
        AtomicReference<ActorSystem<Void>> systemRef = new AtomicReference<>();
        AtomicInteger exitCode = new AtomicInteger();
        Behavior<RoundMetrics> watcher = Behaviors.receive((ctx, m) -> {
            if (m.endsTraining(config.rounds())) {
                if (m.closedBy() == CloseCause.TOO_MANY_ABANDONED) {
                    LOG.error("training stopped at round {}: {} attempts in a row were abandoned; shutting down "
                            + "(exit code 1)", m.round(), config.retry().maxConsecutiveAbandoned());
                    exitCode.set(1);
                } else {
                    LOG.info("training ended ({}); shutting down", m.status() == RoundStatus.STOPPED
                            ? m.closedBy().key() : "all " + config.rounds() + " rounds done");
                }
                ctx.getSystem().scheduler().scheduleOnce(Duration.ofSeconds(2), () -> ctx.getSystem().terminate(),
                        ctx.getExecutionContext());
            }
            return Behaviors.same();
        });
        ActorSystem<Void> system = NodeLauncher.start(Behaviors.setup(ctx -> {
            var listener = ctx.spawn(watcher, "round-watcher");
            return CoordinatorNode.create(config, blobs -> new CoordinatorResources(initial, strategy, blobs,
                    protection, heldOut == null ? null : new NeuralTrainer(spec), heldOut,
                    listener, terms));
        }), full);
        systemRef.set(system);
        NodeLauncher.onShutdown(system::terminate);
        system.getWhenTerminated().toCompletableFuture().join();
        return exitCode.get();
    }

    private static Dataset loadHeldOut(String dir) {
        Path d = Path.of(dir.isBlank() ? FashionMnist.SYSTEM_DIR : dir);
        for (String suffix : new String[] {".gz", ""}) {
            Path images = d.resolve("t10k-images-idx3-ubyte" + suffix);
            Path labels = d.resolve("t10k-labels-idx1-ubyte" + suffix);
            if (Files.isRegularFile(images) && Files.isRegularFile(labels)) {
                try {
                    return IdxReader.readImageDataset(images, labels, FashionMnist.ROWS, FashionMnist.COLS,
                            FashionMnist.NUM_CLASSES);
                } catch (IOException e) {
                    LOG.warn("cannot read the held-out set in {}: {}; centralised evaluation off", d,
                            e.getMessage());
                    return null;
                }
            }
        }
        LOG.warn("no Fashion-MNIST t10k files in {}; centralised evaluation off", d);
        return null;
    }

    /** {@code java io.flotilla.coordinator.CoordinatorMain --config FILE}. */
    public static void main(String[] args) throws Exception {
        NodeLauncher.main(args, "CoordinatorMain --config FILE", CoordinatorMain::run);
    }
}
