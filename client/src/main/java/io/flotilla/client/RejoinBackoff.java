package io.flotilla.client;

import java.time.Duration;
import java.util.Random;

/**
 * The pause before a client node joins again after leaving the cluster: jittered exponential backoff, from
 * {@code min} doubling per attempt that found no coordinator, capped at {@code max}, each pause drawn uniformly from
 * the upper half of its step so that the clients of a restarted coordinator do not knock in step. Starts over after
 * an attempt that reached a coordinator. Not thread-safe: owned by {@link ClientMain}'s loop.
 */
final class RejoinBackoff {
    private final Duration min;
    private final Duration max;
    private final Random jitter;
    private int failures;

    RejoinBackoff(Duration min, Duration max, Random jitter) {
        if (min.isNegative() || min.isZero() || max.compareTo(min) < 0) {
            throw new IllegalArgumentException("need 0 < min <= max, got " + min + ", " + max);
        }
        this.min = min;
        this.max = max;
        this.jitter = jitter;
    }

    /** The pause before the next attempt, after one that did ({@code reached}) or did not reach a coordinator. */
    Duration next(boolean reached) {
        failures = reached ? 0 : Math.min(failures + 1, 30);
        long step = Math.min(max.toMillis(), min.toMillis() << Math.max(0, failures - 1));
        long half = step / 2;
        return Duration.ofMillis(half + (long) (jitter.nextDouble() * (step - half + 1)));
    }
}
