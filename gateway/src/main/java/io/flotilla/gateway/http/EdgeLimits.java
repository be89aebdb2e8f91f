package io.flotilla.gateway.http;

import java.time.Duration;

/**
 * The edge's limits (settings {@code flotilla.gateway.limits.*}, docs/edge.md).
 *
 * @param maxConnections open connections at once
 * @param idleTimeout an idle connection is closed after this
 * @param requestTimeout a request not answered within this is answered 503
 * @param maxHeaderBytes longest header value
 * @param maxJsonBytes largest JSON request body
 * @param maxChunkBytes largest upload chunk
 * @param rate requests per second a client may make, sustained
 * @param burst requests a client may make at once
 */
public record EdgeLimits(int maxConnections, Duration idleTimeout, Duration requestTimeout, int maxHeaderBytes,
                         int maxJsonBytes, int maxChunkBytes, double rate, int burst) {
    public EdgeLimits {
        if (maxConnections < 1 || maxHeaderBytes < 256 || maxJsonBytes < 1024 || maxChunkBytes < 1024 || burst < 1
                || !(rate > 0) || !Double.isFinite(rate)) {
            throw new IllegalArgumentException("edge limits out of range: connections >= 1, header >= 256 B, json and "
                    + "chunk >= 1 KiB, burst >= 1, rate > 0");
        }
        if (idleTimeout.isNegative() || idleTimeout.isZero() || requestTimeout.isNegative()
                || requestTimeout.isZero()) {
            throw new IllegalArgumentException("edge timeouts must be positive");
        }
    }
}
