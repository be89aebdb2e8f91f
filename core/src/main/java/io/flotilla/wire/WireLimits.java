package io.flotilla.wire;

import com.typesafe.config.Config;

/**
 * Size limits of the wire, checked before any allocation while decoding.
 *
 * @param maxMessageBytes largest serialized actor message accepted or produced; stays under Artery's
 *                        {@code maximum-frame-size} (256 KiB) so no message is silently dropped by the transport
 * @param maxBlobBytes    largest blob (a serialized model or delta) a node will encode, store or fetch
 */
public record WireLimits(int maxMessageBytes, long maxBlobBytes) {

    /** Default limits: 240 KiB per message, 1 GiB per blob. */
    public static final WireLimits DEFAULT = new WireLimits(240 * 1024, 1L << 30);

    /** Largest Java array we will ever try to allocate for a blob. */
    public static final long MAX_ARRAY_BYTES = Integer.MAX_VALUE - 8;

    public WireLimits {
        if (maxMessageBytes < 1024) {
            throw new IllegalArgumentException("maxMessageBytes must be at least 1024, got " + maxMessageBytes);
        }
        if (maxBlobBytes < 1 || maxBlobBytes > MAX_ARRAY_BYTES) {
            throw new IllegalArgumentException(
                    "maxBlobBytes must be in [1, " + MAX_ARRAY_BYTES + "], got " + maxBlobBytes);
        }
    }

    /** Reads {@code flotilla.wire.max-message-size} and {@code flotilla.wire.max-blob-size} (byte sizes). */
    public static WireLimits fromConfig(Config config) {
        long message = config.getBytes("flotilla.wire.max-message-size");
        if (message > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "flotilla.wire.max-message-size must fit an int, got " + message);
        }
        return new WireLimits((int) message, config.getBytes("flotilla.wire.max-blob-size"));
    }
}
