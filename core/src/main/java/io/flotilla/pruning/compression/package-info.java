/**
 * Compressed client updates: top-k sparsification, unbiased 8-bit stochastic quantisation, their composition, as
 * {@link io.flotilla.pruning.compression.DeltaCodec}s from deltas to bytes and back (strictly checked on decode),
 * and the client-side {@link io.flotilla.pruning.compression.ErrorFeedback} residual that makes lossy compression
 * converge. In the round loop the client's {@link io.flotilla.pruning.compression.UpdateCompressor} encodes each
 * delta before it is sealed, and the coordinator's {@link io.flotilla.pruning.compression.UpdateDecoder} turns the
 * untrusted bytes into a {@link io.flotilla.pruning.compression.DecodedDelta}, sparse for top-k, so it can be folded
 * without a model-sized copy.
 */
package io.flotilla.pruning.compression;
