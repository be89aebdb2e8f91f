/**
 * What a Flotilla node (coordinator or client) needs to start: validated reading of HOCON keys
 * ({@link io.flotilla.node.ConfigReader}, {@link io.flotilla.node.CompressionSection}), the Akka Cluster settings
 * both sides share ({@link io.flotilla.node.ClusterSetup}: roles, seed nodes, split-brain resolver, mutual TLS from
 * the key directory) and the inbox relay actor both nodes put in front of their protocol address
 * ({@link io.flotilla.node.ProtocolRelay}).
 */
package io.flotilla.node;
