package io.flotilla.gateway;

import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.Behaviors;
import com.typesafe.config.Config;
import io.flotilla.node.NodeLauncher;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A gateway node: {@code flotilla gateway --config FILE}. Joins the cluster with role {@code gateway} and serves
 * the HTTPS edge until the process is stopped.
 */
public final class GatewayMain {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayMain.class);
    private static final long BIND_TIMEOUT_S = 60;

    private GatewayMain() {
    }

    /** Runs a gateway from {@code configFile} until the process is stopped; returns the exit code. */
    public static int run(Path configFile) throws IOException, InterruptedException {
        Config full = NodeLauncher.loadConfig(configFile, "gateway");
        GatewaySettings settings = GatewaySettings.from(full);
        ActorSystem<Void> system = NodeLauncher.start(Behaviors.empty(), full);
        NodeLauncher.onShutdown(system::terminate);
        try {
            Gateway.start(system, settings).toCompletableFuture().get(BIND_TIMEOUT_S, TimeUnit.SECONDS);
        } catch (GeneralSecurityException | ExecutionException | TimeoutException e) {
            system.terminate();
            throw new IllegalArgumentException("gateway " + settings.name() + " cannot serve on " + settings.host()
                    + ":" + settings.port() + ": " + (e.getCause() != null ? e.getCause().getMessage()
                    : e.getMessage()), e);
        }
        LOG.info("gateway {} running", settings.name());
        try {
            system.getWhenTerminated().toCompletableFuture().get();
        } catch (ExecutionException e) {
            return 1;
        }
        return 0;
    }

    /** {@code java -cp ... io.flotilla.gateway.GatewayMain --config FILE}. */
    public static void main(String[] args) throws Exception {
        NodeLauncher.main(args, "flotilla gateway --config FILE", GatewayMain::run);
    }
}
