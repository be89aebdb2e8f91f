/**
 * Pruning of the global model: tensor selection, magnitude pruning kernels, one-shot and gradual (Zhu and Gupta)
 * schedules, the {@link io.flotilla.pruning.Pruner} that holds the mask across rounds, parameter count reports,
 * and the sparse wire encoding of parameter sets. Compressed client updates live in
 * {@link io.flotilla.pruning.compression}.
 */
package io.flotilla.pruning;
