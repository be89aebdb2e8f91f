package io.flotilla.client;

import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.Behaviors;
import com.typesafe.config.Config;
import io.flotilla.nn.ModelSpec;
import io.flotilla.nn.ModelZoo;
import io.flotilla.nn.NeuralTrainer;
import io.flotilla.node.NodeLauncher;
import io.flotilla.pruning.compression.UpdateCompressor;
import io.flotilla.wire.SecurityMode;
import io.flotilla.wire.seal.ProtectionSetup;
import io.flotilla.node.RoundTermsSetup;
import io.flotilla.wire.terms.RoundTermsVerifier;
import io.flotilla.wire.transfer.ClusterBlobExchange;
import io.flotilla.node.ClusterSetup;
import io.flotilla.wire.seal.ClientProtection;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Device entry point: {@code java -jar flotilla-client.jar --config FILE}. Loads the client's private data once,
 * then runs an actor system with one {@link ClientAgent} that joins the cluster with role {@code client}. When the
 * node leaves the cluster (downed after a network cut, or because the coordinator went away), it starts a fresh
 * actor system and joins again, retrying until the seed nodes answer; a signal stops it.
 */
public final class ClientMain {
    private static final Logger LOG = LoggerFactory.getLogger(ClientMain.class);
    private static final long REJOIN_PAUSE_MS = 2000;
    /** How long a node may go without a reachable coordinator before it starts over and joins again. */
    private static final Duration NO_COORDINATOR_LIMIT = Duration.ofSeconds(30);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private ClientMain() {
    }

    /** Runs a client node from {@code configFile} until the process is stopped; returns the exit code. */
    public static int run(Path configFile) throws IOException, InterruptedException {
        Config full = NodeLauncher.loadConfig(configFile, "client");
        ClientConfig config = ClientConfig.from(full);
        if (config.security() == SecurityMode.NONE) {
            LOG.warn("security = none: this client's updates travel as PLAINTEXT (explicit, insecure setting)");
        }
        ClientProtection protection = ProtectionSetup.client(full, config.security(), config.clientId());
        RoundTermsVerifier terms = RoundTermsSetup.verifier(full, config.clientId());
        ModelSpec spec = ModelZoo.spec(config.model());
        ClientData data = ClientData.load(config);
        LOG.info("client {}: {}", config.clientId(), data.source());
        if (config.privacy().enabled()) {
            LOG.info("client {}: client-side DP, mode {}, clipping norm {}, noise multiplier {}, expected cohort {}",
                    config.clientId(), config.privacy().mode(), config.privacy().clippingNorm(),
                    config.privacy().noiseMultiplier(), config.privacy().expectedCohort());
        }
        AtomicBoolean stopping = new AtomicBoolean();
        AtomicReference<ActorSystem<Void>> current = new AtomicReference<>();
        NodeLauncher.onShutdown(() -> {
            stopping.set(true);
            ActorSystem<Void> s = current.get();
            if (s != null) {
                s.terminate();
            }
        });
        while (!stopping.get()) {
            ActorSystem<Void> system = NodeLauncher.start(Behaviors.setup(ctx -> {
                ClusterBlobExchange blobs = ClusterBlobExchange.start(ctx.getSystem());
                // A fresh node starts with an empty error-feedback residual (it is client memory, not checkpointed).
                UpdateCompressor compressor = config.compression().codec().isPresent()
                        ? new UpdateCompressor(config.compression()) : null;
                ctx.spawn(ClientAgent.create(new ClientResources(config.clientId(), config.model(), spec.layout(),
                        new NeuralTrainer(spec), data.train(), data.test(), blobs, protection,
                        config.privacy().toClientPrivacy(), compressor, terms)),
                        "agent");
                return Behaviors.<Void>empty();
            }), full);
            current.set(system);
            CoordinatorWatchdog.start(system, NO_COORDINATOR_LIMIT).awaitEnd(STOP_GRACE);
            if (!stopping.get()) {
                LOG.warn("client {} left the cluster; joining again in {} ms", config.clientId(), REJOIN_PAUSE_MS);
                TimeUnit.MILLISECONDS.sleep(REJOIN_PAUSE_MS);
            }
        }
        return 0;
    }

    /** {@code java -jar flotilla-client.jar --config FILE}. */
    public static void main(String[] args) throws Exception {
        NodeLauncher.main(args, "java -jar flotilla-client.jar --config FILE", ClientMain::run);
    }
}
