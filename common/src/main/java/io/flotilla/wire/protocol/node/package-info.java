/**
 * What a Flotilla node (coordinator or client) needs to start: validated reading of HOCON keys and the Akka
 * Cluster settings (roles, seed nodes, split-brain resolver, mutual TLS from the key directory) both sides share.
 * The update protection of the configured security mode is built by {@code io.flotilla.wire.seal.ProtectionSetup}.
 */
package io.flotilla.wire.protocol.node;
