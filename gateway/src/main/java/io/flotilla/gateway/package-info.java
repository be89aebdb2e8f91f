/**
 * Gateway nodes: cluster members (role {@code gateway}) that serve the federation's clients an authenticated
 * HTTPS edge and represent them in the round protocol. {@link io.flotilla.gateway.GatewayMain} runs one;
 * {@link io.flotilla.gateway.Gateway} is one running inside an actor system.
 */
package io.flotilla.gateway;
