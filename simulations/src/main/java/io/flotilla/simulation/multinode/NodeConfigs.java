package io.flotilla.simulation.multinode;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.flotilla.simulation.RunKeys;
import io.flotilla.node.ClusterSetup;
import io.flotilla.simulation.Scenarios;
import io.flotilla.simulation.scenario.Scenario;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The Akka and Flotilla configuration of the nodes of a multi-node run, built as a deployment's is
 * ({@link ClusterSetup#nodeConfig}): loopback Artery with mutual TLS ({@code flotilla.tls = on}) from the run's
 * keys, the coordinator's settings from the scenario ({@link Scenarios#coordinatorConfig}), hosts seeded with the
 * coordinator's address.
 */
final class NodeConfigs {
    private static final String LOOPBACK = "127.0.0.1";

    private NodeConfigs() {
    }

    /** The coordinator node: checkpoints and metrics under {@code runDir}, enrolled keys from {@code keys}. */
    static Config coordinator(Scenario s, Path runDir, RunKeys keys) {
        Config node = common(keys, RunKeys.COORDINATOR, 1)
                .withValue("flotilla.keys.enrolled_dir", value(keys.enrolledDir().toString()))
                .withValue("flotilla.cluster.hostname", value(LOOPBACK))
                .withValue("flotilla.cluster.port", value(0));
        return ClusterSetup.nodeConfig(node.withFallback(Scenarios.coordinatorConfig(s, runDir)), "coordinator");
    }

    /** Host {@code host}: joins the coordinator at {@code seedPort}, trains on {@code trainingThreads} threads. */
    static Config host(RunKeys keys, int host, int seedPort, int trainingThreads) {
        if (seedPort < 1 || seedPort > 65535) {
            throw new IllegalArgumentException("seed port must be in [1, 65535], got " + seedPort);
        }
        Config node = common(keys, RunKeys.hostName(host), trainingThreads)
                .withValue("flotilla.cluster.hostname", value(LOOPBACK))
                .withValue("flotilla.cluster.port", value(0))
                .withValue("flotilla.cluster.seed_nodes", ConfigValueFactory.fromIterable(
                        List.of(LOOPBACK + ":" + seedPort)));
        return ClusterSetup.nodeConfig(node, "client");
    }

    private static Config common(RunKeys keys, String name, int trainingThreads) {
        Map<String, Object> values = Map.of(
                "flotilla.tls", true,
                "flotilla.keys.dir", keys.tlsDir().toString(),
                "flotilla.keys.name", name,
                "flotilla.federation", RunKeys.FEDERATION,
                "flotilla-training-dispatcher.thread-pool-executor.fixed-pool-size", Math.max(1, trainingThreads),
                "akka.loglevel", "WARNING",
                "akka.cluster.log-info", false);
        Config c = ConfigFactory.empty();
        for (Map.Entry<String, Object> e : values.entrySet()) {
            c = c.withValue(e.getKey(), value(e.getValue()));
        }
        return c;
    }

    private static com.typesafe.config.ConfigValue value(Object v) {
        return ConfigValueFactory.fromAnyRef(v);
    }
}
