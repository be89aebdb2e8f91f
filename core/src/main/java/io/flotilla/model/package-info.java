/**
 * Model parameters: {@link io.flotilla.model.ParameterSet}, named tensors over one flat {@code float[]}, their
 * {@link io.flotilla.model.ModelLayout}, whole-array float kernels ({@link io.flotilla.model.FloatKernels}), and the
 * safetensors file format. Byte encodings of parameters for the wire live in {@code io.flotilla.model.encoding}.
 */
package io.flotilla.model;
