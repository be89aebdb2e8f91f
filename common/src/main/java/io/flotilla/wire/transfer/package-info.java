/**
 * Bulk transfer of blobs (serialized parameters and deltas) between any two nodes: content-addressed by SHA-256,
 * stored once in a {@link io.flotilla.wire.transfer.BlobStore}, served in chunks by a
 * {@link io.flotilla.wire.transfer.BlobServer} and pulled with a sliding window by a
 * {@link io.flotilla.wire.transfer.BlobFetcher}, which verifies the hash before it hands the bytes over. The
 * protocol code sees only the {@link io.flotilla.wire.transfer.BlobExchange} seam and the
 * {@link io.flotilla.wire.transfer.BlobRef} a message carries: across nodes
 * {@link io.flotilla.wire.transfer.ClusterBlobExchange}, in one JVM
 * {@link io.flotilla.wire.transfer.InProcessBlobExchange}.
 */
package io.flotilla.wire.transfer;
