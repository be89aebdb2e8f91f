/**
 * How a Flotilla node process (coordinator or client) starts: the one entry path of both mains
 * ({@link io.flotilla.node.NodeLauncher}: {@code --config FILE}, actor system start, shutdown, exit codes), the Akka
 * Cluster settings both sides share ({@link io.flotilla.node.ClusterSetup}: roles, seed nodes, split-brain
 * resolver, mutual TLS from the key directory through {@link io.flotilla.node.TlsConfig}, the node's role checked against its certificate), Artery's TLS engine
 * that admits only member roles of the federation ({@link io.flotilla.node.MemberOnlySslEngineProvider}), the
 * signer or verifier of round terms from the key directory ({@link io.flotilla.node.RoundTermsSetup}), validated
 * reading of HOCON keys ({@link io.flotilla.node.ConfigReader}, {@link io.flotilla.node.CompressionSection}) and the inbox relay actor
 * both nodes put in front of their protocol address ({@link io.flotilla.node.ProtocolRelay}).
 */
package io.flotilla.node;
