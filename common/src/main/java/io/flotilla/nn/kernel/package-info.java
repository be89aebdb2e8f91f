/** Compute kernels over primitive arrays: GEMM, im2col. Allocation-free in the steady state. */
package io.flotilla.nn.kernel;
