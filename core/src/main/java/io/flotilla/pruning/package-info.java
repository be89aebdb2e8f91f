/**
 * Pruning of the global model: tensor selection, magnitude pruning kernels, one-shot and gradual (Zhu and Gupta)
 * schedules, the {@link io.flotilla.pruning.Pruner} that holds the mask across rounds, and parameter count
 * reports. The sparse encoding of a pruned model lives in {@code io.flotilla.model.encoding}; compressed client
 * updates in {@code io.flotilla.pruning.compression}.
 */
package io.flotilla.pruning;
