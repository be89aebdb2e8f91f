/**
 * The gateway inside the cluster: one {@link io.flotilla.gateway.edge.EdgeClient} actor per client that checked in,
 * registered with the Receptionist like a client agent, which turns the round protocol's messages into what the
 * edge serves (tasks, blobs, results) and the client's finished upload into a {@code SubmitUpdate}. Sealed bytes
 * pass through: the gateway holds no key that opens them.
 */
package io.flotilla.gateway.edge;
