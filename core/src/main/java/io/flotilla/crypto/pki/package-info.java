/**
 * Enrolment: the federation CA, node TLS credentials and Ed25519 identity keys in a key directory (the Akka
 * Artery mutual-TLS configuration built from them is {@code io.flotilla.node.TlsConfig}, beside Akka). Private
 * files are created owner-only; passwords are generated and kept in owner-only files beside their stores and never
 * logged.
 */
package io.flotilla.crypto.pki;
