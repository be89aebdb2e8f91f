/**
 * Enrolment: the federation CA, node TLS credentials and Ed25519 identity keys (with their CA certificates) in a
 * key directory, node roles and the rule of which may be cluster members ({@link io.flotilla.crypto.pki.NodeRole},
 * {@link io.flotilla.crypto.pki.ClusterAdmission}); the Akka Artery mutual-TLS configuration built from them is
 * {@code io.flotilla.node.TlsConfig}, beside Akka. Private
 * files are created owner-only; passwords are generated and kept in owner-only files beside their stores and never
 * logged.
 */
package io.flotilla.crypto.pki;
