/**
 * Compute kernels over primitive arrays, allocation-free in the steady state: {@link io.flotilla.nn.kernel.Gemm}
 * (blocked, packed, Vector API, multi-core SGEMM with a scalar fallback) and the convolution lowering
 * {@link io.flotilla.nn.kernel.Im2Col} / {@link io.flotilla.nn.kernel.Col2Im} described by
 * {@link io.flotilla.nn.kernel.ConvGeometry}. Everything except those four types is an implementation detail.
 */
package io.flotilla.nn.kernel;
