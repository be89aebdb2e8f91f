/**
 * Cryptographic primitives behind small interfaces: key agreement, segmented AEAD, signatures, HKDF, and the one
 * SHA-256 helper ({@link io.flotilla.crypto.Sha256}). Envelopes, secure aggregation and the PKI build on them in
 * the subpackages.
 */
package io.flotilla.crypto;
