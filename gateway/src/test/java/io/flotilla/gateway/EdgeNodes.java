package io.flotilla.gateway;

import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.Behaviors;
import akka.cluster.typed.Cluster;
import akka.cluster.typed.Join;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.flotilla.node.ClusterSetup;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Cluster nodes on loopback over mutual TLS for the gateway's tests, and a gateway's settings for them. */
final class EdgeNodes {
    private EdgeNodes() {
    }

    /** A node named {@code name} in {@code role}, with {@code extra} HOCON on top. */
    static Config nodeConfig(Path keys, String role, String name, String extra) {
        return ClusterSetup.nodeConfig(ConfigFactory.parseString(
                "akka.cluster.jmx.multi-mbeans-in-same-jvm = on\n"
                        + "akka.loglevel = WARNING\n"
                        + "flotilla.cluster.stable_after = 3s\n"
                        + "flotilla.federation = edge-test\n"
                        + extra
                        + "flotilla.keys { dir = \"" + keys + "\", name = \"" + name + "\" }\n"), role);
    }

    /** A gateway node's actor system (role {@code gateway}), with {@code extra} gateway settings. */
    static ActorSystem<Void> gatewaySystem(Path keys, String name, String extra) {
        return ActorSystem.create(Behaviors.empty(), ClusterSetup.SYSTEM_NAME,
                nodeConfig(keys, "gateway", name, "flotilla.gateway.http.port = 0\n"
                        // Shared CI machines run many JVMs on few cores: a first TLS request can take seconds.
                        + "flotilla.gateway.limits.request-timeout = 60s\n" + extra));
    }

    static GatewaySettings settings(ActorSystem<?> system) {
        return GatewaySettings.from(system.settings().config());
    }

    static void join(ActorSystem<?> node, ActorSystem<?> seed) {
        Cluster.get(node).manager().tell(Join.create(Cluster.get(seed).selfMember().address()));
    }

    static void terminate(List<? extends ActorSystem<?>> systems) {
        for (ActorSystem<?> s : systems) {
            s.terminate();
        }
        for (ActorSystem<?> s : systems) {
            try {
                s.getWhenTerminated().toCompletableFuture().get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                System.err.println("node " + s.address() + " did not terminate cleanly: " + e);
            }
        }
    }
}
