package io.flotilla.client;

import akka.actor.typed.ActorSystem;
import akka.cluster.ClusterEvent;
import akka.cluster.Member;
import akka.cluster.MemberStatus;
import akka.cluster.typed.Cluster;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends a client node's actor system when it has seen no reachable coordinator for too long, so that
 * {@link ClientMain} starts a fresh one and joins again. Downing normally does this; the watchdog covers the
 * cases it does not: a node left Up in a cluster with no coordinator, a join that never completes, a shutdown that
 * hangs (a stopped system is abandoned after a grace period rather than awaited forever).
 */
final class CoordinatorWatchdog {
    private static final Logger LOG = LoggerFactory.getLogger(CoordinatorWatchdog.class);
    private static final Duration CHECK_EVERY = Duration.ofSeconds(5);

    private final ActorSystem<?> system;
    private final Duration limit;
    private volatile long lastSeenNanos = System.nanoTime();
    private volatile long stopRequestedNanos;

    private CoordinatorWatchdog(ActorSystem<?> system, Duration limit) {
        this.system = system;
        this.limit = limit;
    }

    /** Starts watching {@code system}: it is terminated after {@code limit} without a reachable coordinator. */
    static CoordinatorWatchdog start(ActorSystem<?> system, Duration limit) {
        CoordinatorWatchdog w = new CoordinatorWatchdog(system, limit);
        system.scheduler().scheduleAtFixedRate(CHECK_EVERY, CHECK_EVERY, w::check, system.executionContext());
        return w;
    }

    private void check() {
        if (coordinatorReachable()) {
            lastSeenNanos = System.nanoTime();
        } else if (stopRequestedNanos == 0 && System.nanoTime() - lastSeenNanos > limit.toNanos()) {
            LOG.warn("no reachable coordinator for {} s; leaving to join again", limit.toSeconds());
            stopRequestedNanos = System.nanoTime();
            system.terminate();
        }
    }

    private boolean coordinatorReachable() {
        ClusterEvent.CurrentClusterState state = Cluster.get(system).state();
        for (Member m : state.getMembers()) {
            if (m.hasRole("coordinator") && m.status() == MemberStatus.up() && !state.getUnreachable().contains(m)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Waits until the system has terminated, or until {@code grace} after the watchdog stopped it (a shutdown
     * that hangs must not keep the client from joining again).
     */
    void awaitEnd(Duration grace) throws InterruptedException {
        CompletableFuture<?> terminated = system.getWhenTerminated().toCompletableFuture();
        while (true) {
            try {
                terminated.get(1, TimeUnit.SECONDS);
                return;
            } catch (TimeoutException e) {
                long requested = stopRequestedNanos;
                if (requested != 0 && System.nanoTime() - requested > grace.toNanos()) {
                    LOG.warn("actor system did not stop within {} s; abandoning it", grace.toSeconds());
                    return;
                }
            } catch (ExecutionException e) {
                return;
            }
        }
    }
}
