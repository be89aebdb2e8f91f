package io.flotilla.sdk;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Random;

/**
 * How a transfer that lost its connection tries again on the same gateway (a resumed download or upload is only
 * meaningful there): up to a number of attempts, each after a jittered exponential pause that the client's
 * {@link Pause} can cut short when it closes.
 */
final class Retries {
    private static final Logger LOG = System.getLogger(Retries.class.getName());

    /** Waits, returning early (with an {@link InterruptedException}) when the client closes. */
    interface Pause {
        void sleep(Duration d) throws InterruptedException;
    }

    private final int maxAttempts;
    private final Backoff backoff;
    private final Pause pause;

    Retries(int maxAttempts, Duration base, Duration cap, Random random, Pause pause) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("at least one retry, got " + maxAttempts);
        }
        this.maxAttempts = maxAttempts;
        this.backoff = new Backoff(base, cap, random);
        this.pause = pause;
    }

    /** After failed attempt number {@code attempt} (1-based): pause and return, or rethrow when out of attempts. */
    void pauseOrGiveUp(int attempt, String what, IOException cause) throws IOException, InterruptedException {
        if (attempt > maxAttempts) {
            backoff.reset();
            throw cause;
        }
        Duration d = backoff.nextDelay();
        LOG.log(Level.INFO, "{0} lost its connection ({1}); attempt {2} of {3} in {4} ms", what, cause.toString(),
                attempt, maxAttempts, d.toMillis());
        pause.sleep(d);
    }

    /** The attempt succeeded: the next failure starts from the shortest pause. */
    void succeeded() {
        backoff.reset();
    }
}
