package io.flotilla.gateway.edge;

import io.flotilla.wire.transfer.BlobExchange;
import java.security.SecureRandom;
import java.time.Duration;

/**
 * What every {@link EdgeClient} of a gateway shares.
 *
 * @param blobs the node's blob exchange, where finished uploads are published for the coordinator
 * @param models global models and masks, once per gateway
 * @param counters the gateway's counters
 * @param retryAfter mean wait a client is told before it checks in again (jittered by +-20 %)
 * @param presenceTimeout a client that has not been heard from for this long leaves the cohort pool
 * @param random upload ids and jitter
 */
public record EdgeResources(BlobExchange blobs, ModelBlobCache models, EdgeCounters counters, Duration retryAfter,
                            Duration presenceTimeout, SecureRandom random) {
    public EdgeResources {
        if (blobs == null || models == null || counters == null || random == null) {
            throw new IllegalArgumentException("blobs, models, counters and random are required");
        }
        if (retryAfter.isNegative() || retryAfter.isZero() || presenceTimeout.compareTo(retryAfter) <= 0) {
            throw new IllegalArgumentException("retry-after must be positive and the presence timeout longer than it");
        }
    }

    /** The retry wait with +-20 % jitter, so a fleet told to come back does not come back in step. */
    public long jitteredRetryMillis() {
        long mean = retryAfter.toMillis();
        return Math.max(1, mean - mean / 5 + (long) (random.nextDouble() * (2 * mean / 5 + 1)));
    }
}
