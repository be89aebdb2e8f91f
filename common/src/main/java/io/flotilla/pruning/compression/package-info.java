/**
 * Compressed client updates: top-k sparsification, unbiased 8-bit stochastic quantisation, their composition, as
 * {@link io.flotilla.pruning.compression.DeltaCodec}s from deltas to bytes and back (strictly checked on decode),
 * and the client-side {@link io.flotilla.pruning.compression.ErrorFeedback} residual that makes lossy compression
 * converge.
 */
package io.flotilla.pruning.compression;
