/**
 * Secure aggregation (Bonawitz et al., CCS 2017) with the optional SecAgg+ neighbourhood graph (Bell et al.,
 * CCS 2020), as pure state machines: {@link io.flotilla.crypto.secagg.SecAggClient} and {@link
 * io.flotilla.crypto.secagg.SecAggServer} exchange the stage messages (advertise keys, share keys, masked input,
 * unmasking) through whatever transport the caller has. The server only ever receives masked vectors and learns
 * the weighted sum of the survivors' inputs and their total weight.
 */
package io.flotilla.crypto.secagg;
