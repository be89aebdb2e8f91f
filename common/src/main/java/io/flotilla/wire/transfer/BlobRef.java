package io.flotilla.wire.transfer;

import java.util.regex.Pattern;

/**
 * Names a blob (serialized parameters or a sealed delta) that travels outside actor messages.
 *
 * @param sha256 lower-case hex SHA-256 of the blob's bytes: its identity, verified on arrival
 * @param size the blob's length in bytes, known before fetching so the receiver can refuse oversize blobs
 * @param origin where the blob can be fetched, in the form the {@link BlobExchange} in use understands (for the
 *     cluster transfer, the serialized address of the holder's blob server); empty for in-process exchanges
 */
public record BlobRef(String sha256, long size, String origin) {
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    public BlobRef {
        if (sha256 == null || !HEX64.matcher(sha256).matches()) {
            throw new IllegalArgumentException("sha256 must be 64 lower-case hex digits, got " + sha256);
        }
        if (size < 0) {
            throw new IllegalArgumentException("blob size must be >= 0, got " + size);
        }
        if (origin == null) {
            throw new IllegalArgumentException("origin must not be null (use \"\")");
        }
    }
}
