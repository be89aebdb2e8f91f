package io.flotilla.coordinator;

import akka.actor.typed.ActorSystem;
import akka.cluster.typed.Cluster;
import akka.cluster.typed.Join;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.flotilla.node.ClusterSetup;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Helpers for tests that run several actor systems on loopback as separate cluster nodes over mutual TLS: the
 * node configuration with a federation's keys, joining, and waiting for a round's metrics.
 */
final class LoopbackNodes {
    private LoopbackNodes() {
    }

    /** A node named {@code name} in {@code role}, with {@code extra} HOCON (federation, security...) on top. */
    static Config nodeConfig(Path keys, String role, String name, String extra) {
        return ClusterSetup.nodeConfig(ConfigFactory.parseString(
                "akka.cluster.jmx.multi-mbeans-in-same-jvm = on\n"
                        + "akka.loglevel = WARNING\n"
                        + "flotilla.cluster.stable_after = 3s\n"
                        + extra
                        + "flotilla.keys { dir = \"" + keys + "\", name = " + name + " }\n"), role);
    }

    /** Makes {@code node} join the cluster that {@code seed} belongs to (or founds it, when they are the same). */
    static void join(ActorSystem<?> node, ActorSystem<?> seed) {
        Cluster.get(node).manager().tell(Join.create(Cluster.get(seed).selfMember().address()));
    }

    /**
     * Terminates every node and waits up to a minute for each. A node still running then is reported on stderr
     * rather than waited on forever, so that one stuck shutdown cannot hang the whole build.
     */
    static void terminate(List<? extends ActorSystem<?>> systems) {
        for (ActorSystem<?> s : systems) {
            s.terminate();
        }
        for (ActorSystem<?> s : systems) {
            try {
                s.getWhenTerminated().toCompletableFuture().get(60, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                System.err.println("node " + s.address() + " did not terminate within 60 s; left behind");
            } catch (ExecutionException e) {
                // terminated, with a failure logged by the node itself
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The next round's metrics, failing after {@code wait}. */
    static RoundMetrics next(BlockingQueue<RoundMetrics> q, Duration wait) throws InterruptedException {
        RoundMetrics m = q.poll(wait.toSeconds(), TimeUnit.SECONDS);
        if (m == null) {
            throw new AssertionError("no round closed within " + wait);
        }
        return m;
    }
}
