/**
 * Envelope encryption of model updates: a client seals its delta to the coordinator's per-round X25519 key
 * (ephemeral agreement, HKDF-SHA256, segmented AES-256-GCM) with associated data binding federation, round, client,
 * model version and the hash of the global parameters, signs it with its enrolled Ed25519 identity key, and the
 * coordinator verifies, checks and opens it, rejecting each failure with a distinct {@link
 * io.flotilla.crypto.envelope.RejectionReason}.
 */
package io.flotilla.crypto.envelope;
