package io.flotilla.client;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.eventstream.EventStream;
import akka.actor.typed.javadsl.Behaviors;
import com.typesafe.config.Config;
import io.flotilla.nn.ModelSpec;
import io.flotilla.nn.ModelZoo;
import io.flotilla.nn.NeuralTrainer;
import io.flotilla.node.NodeLauncher;
import io.flotilla.pruning.compression.UpdateCompressor;
import io.flotilla.wire.SecurityMode;
import io.flotilla.wire.protocol.FederationEnded;
import io.flotilla.wire.seal.ProtectionSetup;
import io.flotilla.node.RoundTermsSetup;
import io.flotilla.wire.terms.RoundTermsVerifier;
import io.flotilla.wire.transfer.ClusterBlobExchange;
import io.flotilla.node.ClusterSetup;
import io.flotilla.wire.seal.ClientProtection;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Device entry point: {@code java -jar flotilla-client.jar --config FILE}. Loads the client's private data once,
 * then runs an actor system with one {@link ClientAgent} that joins the cluster with role {@code client}. When the
 * node leaves the cluster (downed after a network cut, or because the coordinator went away: see
 * {@link CoordinatorWatchdog}), it starts a fresh actor system and joins again after a jittered exponential backoff
 * ({@link RejoinBackoff}, 0.5 s doubling to 5 s), retrying until the seed nodes answer. When the coordinator says
 * training ended ({@link FederationEnded}) it logs why and exits with code 0; a signal stops it too.
 */
public final class ClientMain {
    private static final Logger LOG = LoggerFactory.getLogger(ClientMain.class);
    private static final Duration REJOIN_MIN = Duration.ofMillis(500);
    private static final Duration REJOIN_MAX = Duration.ofSeconds(5);
    /** How long a node that had a coordinator goes without a reachable one before it starts over and joins again. */
    private static final Duration COORDINATOR_LOST_LIMIT = Duration.ofSeconds(2);
    /** How long a fresh node may take to see a coordinator before it starts over (its join keeps retrying). */
    private static final Duration JOIN_LIMIT = Duration.ofSeconds(30);
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
        AtomicReference<FederationEnded> ended = new AtomicReference<>();
        RejoinBackoff backoff = new RejoinBackoff(REJOIN_MIN, REJOIN_MAX, new Random());
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
                ActorRef<FederationEnded> end = ctx.spawn(Behaviors.<FederationEnded>receive((c, f) -> {
                    ended.compareAndSet(null, f);
                    c.getSystem().terminate();
                    return Behaviors.stopped();
                }), "federation-ended");
                ctx.getSystem().eventStream().tell(new EventStream.Subscribe<>(FederationEnded.class, end));
                return Behaviors.<Void>empty();
            }), full);
            current.set(system);
            CoordinatorWatchdog watchdog = CoordinatorWatchdog.start(system, COORDINATOR_LOST_LIMIT, JOIN_LIMIT);
            watchdog.awaitEnd(STOP_GRACE);
            FederationEnded f = ended.get();
            if (f != null) {
                LOG.info("client {}: the federation ended after round {} ({}, model version {}); exiting",
                        config.clientId(), f.lastRound(), f.reason(), f.modelVersion());
                return 0;
            }
            if (!stopping.get()) {
                Duration pause = backoff.next(watchdog.sawCoordinator());
                LOG.warn("client {} left the cluster; joining again in {} ms", config.clientId(), pause.toMillis());
                TimeUnit.MILLISECONDS.sleep(pause.toMillis());
            }
        }
        return 0;
    }

    /** {@code java -jar flotilla-client.jar --config FILE}. */
    public static void main(String[] args) throws Exception {
        NodeLauncher.main(args, "java -jar flotilla-client.jar --config FILE", ClientMain::run);
    }
}
