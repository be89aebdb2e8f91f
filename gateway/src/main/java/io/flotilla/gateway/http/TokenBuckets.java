package io.flotilla.gateway.http;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-client rate limits: a token bucket per client id, {@code rate} tokens a second up to {@code burst}. One
 * request takes one token; a client with none left is refused until one is due. Thread-safe.
 */
public final class TokenBuckets {
    private static final class Bucket {
        private double tokens;
        private long lastNanos;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.lastNanos = now;
        }
    }

    private final double ratePerNano;
    private final double burst;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public TokenBuckets(double ratePerSecond, int burst) {
        if (!(ratePerSecond > 0) || burst < 1) {
            throw new IllegalArgumentException("rate must be > 0 and burst >= 1");
        }
        this.ratePerNano = ratePerSecond / 1e9;
        this.burst = burst;
    }

    /**
     * Takes a token of {@code client} at monotonic time {@code nowNanos}; returns 0 when granted, else the
     * milliseconds until a token is due.
     */
    public long tryAcquire(String client, long nowNanos) {
        Bucket b = buckets.computeIfAbsent(client, c -> new Bucket(burst, nowNanos));
        synchronized (b) {
            b.tokens = Math.min(burst, b.tokens + (nowNanos - b.lastNanos) * ratePerNano);
            b.lastNanos = nowNanos;
            if (b.tokens >= 1) {
                b.tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - b.tokens) / ratePerNano / 1e6));
        }
    }

    /** Drops the buckets that are full again (idle clients), bounding memory by the recently active clients. */
    public void prune(long nowNanos) {
        buckets.values().removeIf(b -> {
            synchronized (b) {
                return b.tokens + (nowNanos - b.lastNanos) * ratePerNano >= burst;
            }
        });
    }
}
