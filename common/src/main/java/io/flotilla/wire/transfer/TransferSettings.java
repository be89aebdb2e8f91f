package io.flotilla.wire.transfer;

import com.typesafe.config.Config;
import io.flotilla.wire.WireLimits;
import java.time.Duration;

/**
 * How blobs move: chunk size, the fetcher's window of outstanding requests, retry policy and the size cap.
 *
 * @param chunkSize    bytes per chunk; leaves at least 1 KiB of the message limit for the chunk's header
 * @param window       chunk requests a fetcher keeps outstanding ({@code window * chunkSize} bytes in flight)
 * @param chunkTimeout time after which an unanswered request is sent again
 * @param maxRetries   re-requests of one chunk (or of the description) before the fetch fails
 * @param maxBlobBytes largest blob a fetcher accepts; checked before the receive buffer is allocated
 */
public record TransferSettings(int chunkSize, int window, Duration chunkTimeout, int maxRetries, long maxBlobBytes) {

    /** Room left in a message for a chunk's header (blob id, index, length prefix). */
    public static final int CHUNK_HEADER_ROOM = 1024;

    /** Smallest chunk size a node uses or accepts from a server. */
    public static final int MIN_CHUNK_SIZE = 1024;

    /** Defaults matching {@code reference.conf}: 128 KiB chunks, window 8, 5 s timeout, 5 retries, 1 GiB. */
    public static final TransferSettings DEFAULT =
            new TransferSettings(128 * 1024, 8, Duration.ofSeconds(5), 5, WireLimits.DEFAULT.maxBlobBytes());

    public TransferSettings {
        if (chunkSize < MIN_CHUNK_SIZE || chunkSize > WireLimits.DEFAULT.maxMessageBytes() - CHUNK_HEADER_ROOM) {
            throw new IllegalArgumentException("chunk size must be in [" + MIN_CHUNK_SIZE + ", "
                    + (WireLimits.DEFAULT.maxMessageBytes() - CHUNK_HEADER_ROOM) + "] bytes, got " + chunkSize);
        }
        if (window < 1 || window > 1024) {
            throw new IllegalArgumentException("window must be in [1, 1024], got " + window);
        }
        if (chunkTimeout == null || chunkTimeout.isNegative() || chunkTimeout.isZero()) {
            throw new IllegalArgumentException("chunk timeout must be positive, got " + chunkTimeout);
        }
        if (maxRetries < 0) {
            throw new IllegalArgumentException("max retries must be >= 0, got " + maxRetries);
        }
        if (maxBlobBytes < 0 || maxBlobBytes > WireLimits.MAX_ARRAY_BYTES) {
            throw new IllegalArgumentException("max blob size must be in [0, " + WireLimits.MAX_ARRAY_BYTES
                    + "], got " + maxBlobBytes);
        }
    }

    /**
     * Reads {@code flotilla.wire.transfer.*} and {@code flotilla.wire.max-blob-size}; the chunk size is also
     * checked against {@code flotilla.wire.max-message-size}.
     */
    public static TransferSettings fromConfig(Config config) {
        WireLimits limits = WireLimits.fromConfig(config);
        Config t = config.getConfig("flotilla.wire.transfer");
        long chunk = t.getBytes("chunk-size");
        if (chunk > limits.maxMessageBytes() - CHUNK_HEADER_ROOM) {
            throw new IllegalArgumentException("flotilla.wire.transfer.chunk-size " + chunk
                    + " does not fit flotilla.wire.max-message-size " + limits.maxMessageBytes()
                    + " with " + CHUNK_HEADER_ROOM + " bytes of header room");
        }
        return new TransferSettings((int) chunk, t.getInt("window"), t.getDuration("chunk-timeout"),
                t.getInt("max-retries"), limits.maxBlobBytes());
    }

    /** Number of chunks of a blob of {@code size} bytes cut into chunks of {@code chunkSize}. */
    public static int chunkCount(long size, int chunkSize) {
        return (int) ((size + chunkSize - 1) / chunkSize);
    }
}
