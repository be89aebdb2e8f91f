package io.flotilla.coordinator;

import io.flotilla.node.ConfigReader;
import java.time.Duration;
import java.util.Random;

/**
 * How the coordinator retries a round that was abandoned ({@code flotilla.round.*}, docs/rounds.md): the same
 * round number runs again after a jittered exponential backoff, and the run stops with a clear reason after
 * {@code maxConsecutiveAbandoned} abandoned attempts in a row. A client that has not answered an instruction is
 * busy (not offered another round) until it answers, leaves, or the round's deadline plus {@code busyGrace}
 * passes.
 *
 * @param maxConsecutiveAbandoned abandoned attempts in a row after which training stops, at least 1
 * @param backoffMin pause before the first retry
 * @param backoffMax longest pause between attempts, at least {@code backoffMin}
 * @param busyGrace how long after a round's deadline a member that never answered is still taken to be training
 */
public record RoundRetry(int maxConsecutiveAbandoned, Duration backoffMin, Duration backoffMax, Duration busyGrace) {

    public RoundRetry {
        if (maxConsecutiveAbandoned < 1) {
            throw new IllegalArgumentException("flotilla.round.max_consecutive_abandoned must be at least 1, got "
                    + maxConsecutiveAbandoned);
        }
        if (backoffMin == null || backoffMax == null || busyGrace == null || backoffMin.isNegative()
                || busyGrace.isNegative() || backoffMax.compareTo(backoffMin) < 0) {
            throw new IllegalArgumentException("flotilla.round: need 0 <= retry_backoff_min <= retry_backoff_max and "
                    + "busy_grace >= 0, got " + backoffMin + ", " + backoffMax + ", " + busyGrace);
        }
    }

    /** The defaults of reference.conf. */
    public static RoundRetry defaults() {
        return new RoundRetry(5, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(10));
    }

    /** Reads {@code flotilla.round.*} through {@code r} (a reader of the {@code flotilla} section). */
    static RoundRetry from(ConfigReader r) {
        return new RoundRetry(r.intAtLeast("round.max_consecutive_abandoned", 1),
                r.positiveDuration("round.retry_backoff_min"), r.positiveDuration("round.retry_backoff_max"),
                r.positiveDuration("round.busy_grace"));
    }

    /**
     * The pause before retrying after {@code consecutive} (at least 1) abandoned attempts: {@code backoffMin} doubled
     * per earlier failure, capped at {@code backoffMax}, then drawn uniformly from its upper half, so that restarted
     * coordinators and their clients do not fall into step.
     */
    Duration backoff(int consecutive, Random jitter) {
        long min = backoffMin.toMillis();
        long max = backoffMax.toMillis();
        int doublings = Math.min(Math.max(0, consecutive - 1), 30);
        long base = Math.min(max, min << doublings);
        if (base <= 1) {
            return Duration.ofMillis(base);
        }
        long half = base / 2;
        return Duration.ofMillis(half + (long) (jitter.nextDouble() * (base - half)));
    }
}
