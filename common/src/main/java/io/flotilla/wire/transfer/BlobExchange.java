package io.flotilla.wire.transfer;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * How parameters and deltas travel outside actor messages: a node publishes bytes under their SHA-256 and hands
 * the {@link BlobRef} to its peer in a small control message; the peer fetches and verifies them.
 *
 * <p>Implementations: {@link InProcessBlobExchange} (one JVM: simulations and tests) and the chunked cluster
 * transfer of the wire package. Thread-safe: actors publish and fetch concurrently.
 */
public interface BlobExchange {

    /** Makes {@code bytes} fetchable until {@link #release}; the caller must not modify them afterwards. */
    BlobRef publish(byte[] bytes);

    /**
     * Fetches a blob, refusing it when it is larger than {@code maxBytes} (before any transfer) and failing the
     * stage when the bytes do not hash to {@code ref.sha256()} or do not arrive within {@code timeout}.
     */
    CompletionStage<byte[]> fetch(BlobRef ref, long maxBytes, Duration timeout);

    /** Forgets a published blob; fetches that started before may still complete. */
    void release(BlobRef ref);
}
