/**
 * What a Flotilla node (coordinator or client) needs to start: validated reading of HOCON keys and the Akka
 * Cluster settings (roles, seed nodes, split-brain resolver) both sides share.
 */
package io.flotilla.wire.protocol.node;
