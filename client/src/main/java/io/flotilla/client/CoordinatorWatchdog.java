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
 * Ends a client node's actor system when its coordinator is gone, so that {@link ClientMain} starts a fresh one and
 * joins again. Downing normally does this, but only after the split-brain resolver's {@code stable_after} and the
 * failure detector; and a node left Up in a cluster whose coordinator restarted elsewhere (a new cluster) waits for
 * nothing. Two limits: once a coordinator was seen, {@code lostLimit} without a reachable one (short: a restarted
 * coordinator should get its clients back within seconds); before any was seen, {@code joinLimit} (a join in
 * progress completes by itself when the seed node comes back, so restarting it early only costs time). A shutdown
 * that hangs is abandoned after a grace period rather than awaited forever.
 */
final class CoordinatorWatchdog {
    private static final Logger LOG = LoggerFactory.getLogger(CoordinatorWatchdog.class);
    private static final Duration CHECK_EVERY = Duration.ofMillis(500);

    private final ActorSystem<?> system;
    private final Duration lostLimit;
    private final Duration joinLimit;
    private final long startNanos = System.nanoTime();
    private volatile long lastSeenNanos;
    private volatile boolean seen;
    private volatile long stopRequestedNanos;

    private CoordinatorWatchdog(ActorSystem<?> system, Duration lostLimit, Duration joinLimit) {
        this.system = system;
        this.lostLimit = lostLimit;
        this.joinLimit = joinLimit;
    }

    /**
     * Starts watching {@code system}: it is terminated after {@code lostLimit} without a reachable coordinator once
     * one was seen, or after {@code joinLimit} when none was ever seen.
     */
    static CoordinatorWatchdog start(ActorSystem<?> system, Duration lostLimit, Duration joinLimit) {
        CoordinatorWatchdog w = new CoordinatorWatchdog(system, lostLimit, joinLimit);
        system.scheduler().scheduleAtFixedRate(CHECK_EVERY, CHECK_EVERY, w::check, system.executionContext());
        return w;
    }

    /** Whether this system ever saw a reachable coordinator (the rejoin backoff starts over when it did). */
    boolean sawCoordinator() {
        return seen;
    }

    private void check() {
        long now = System.nanoTime();
        if (coordinatorReachable()) {
            lastSeenNanos = now;
            seen = true;
            return;
        }
        if (stopRequestedNanos != 0) {
            return;
        }
        if (seen && now - lastSeenNanos > lostLimit.toNanos()) {
            LOG.warn("coordinator unreachable for {} ms; leaving to join again", lostLimit.toMillis());
            stop(now);
        } else if (!seen && now - startNanos > joinLimit.toNanos()) {
            LOG.warn("no coordinator within {} s of starting; starting over", joinLimit.toSeconds());
            stop(now);
        }
    }

    private void stop(long now) {
        stopRequestedNanos = now;
        system.terminate();
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
