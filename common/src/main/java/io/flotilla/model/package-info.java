/**
 * Model parameters: {@link io.flotilla.model.ParameterSet}, named tensors over one flat {@code float[]}, their
 * {@link io.flotilla.model.ModelLayout}, whole-array kernels, and the safetensors file format.
 */
package io.flotilla.model;
