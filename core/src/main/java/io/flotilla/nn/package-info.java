/**
 * The built-in training engine: layer specs and models ({@link io.flotilla.nn.LayerSpec},
 * {@link io.flotilla.nn.ModelSpec}, {@link io.flotilla.nn.ModelZoo}), the layers over batch-major NCHW
 * {@code float[]} buffers, the fused softmax cross-entropy loss, SGD and Adam over the flat parameter array, and
 * {@link io.flotilla.nn.NeuralTrainer}, the built-in {@link io.flotilla.nn.LocalTrainer}. Matrix products go
 * through {@link io.flotilla.nn.kernel.Gemm}; weights and gradients are slices of one
 * {@link io.flotilla.model.ParameterSet} layout.
 */
package io.flotilla.nn;
