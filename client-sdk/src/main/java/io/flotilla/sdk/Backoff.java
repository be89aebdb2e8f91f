package io.flotilla.sdk;

import java.time.Duration;
import java.util.Random;

/**
 * Jittered exponential backoff ("full jitter"): after the n-th consecutive failure the next attempt waits a
 * uniformly random time in {@code [0, min(cap, base * 2^n)]}, so that many devices cut off together by one gateway
 * outage do not come back in lockstep. Not thread-safe; one per client.
 */
public final class Backoff {
    private final long baseMillis;
    private final long capMillis;
    private final Random random;
    private int failures;

    /**
     * @param base the first ceiling, > 0
     * @param cap the largest ceiling, >= base
     * @param random source of the jitter
     */
    public Backoff(Duration base, Duration cap, Random random) {
        if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < base <= cap, got " + base + " and " + cap);
        }
        this.baseMillis = base.toMillis();
        this.capMillis = cap.toMillis();
        this.random = random;
    }

    /** The delay before the next attempt after one more failure. */
    public Duration nextDelay() {
        int shift = Math.min(failures, 30);
        failures++;
        long ceiling = Math.min(capMillis, baseMillis << shift);
        return Duration.ofMillis((long) (random.nextDouble() * (ceiling + 1)));
    }

    /** Forgets the failures after a success. */
    public void reset() {
        failures = 0;
    }

    /** Consecutive failures since the last success. */
    public int failures() {
        return failures;
    }

    /** {@code base} plus up to {@code fraction} of it at random: spreads a server's "come back after T". */
    static Duration jittered(Duration base, double fraction, Random random) {
        long ms = base.toMillis();
        return Duration.ofMillis(ms + (long) (random.nextDouble() * fraction * ms));
    }
}
