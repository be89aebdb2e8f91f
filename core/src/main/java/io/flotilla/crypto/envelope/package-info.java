/**
 * Envelope encryption of model updates: a client seals its delta to the coordinator's per-round X25519 key
 * (ephemeral agreement, HKDF-SHA256, segmented AES-256-GCM) with associated data binding federation, round, client,
 * model version and the hash of the global parameters, signs it with its enrolled Ed25519 identity key, and the
 * coordinator verifies, checks and opens it, rejecting each failure with an {@link
 * io.flotilla.wire.UpdateRefusedException} carrying the {@link io.flotilla.wire.RejectReason} the round counts and
 * naming the failed check in its message. (The reasons live in the wire's base package, which imports nothing, so
 * that one enum serves this package and the round's metrics.)
 */
package io.flotilla.crypto.envelope;
