/**
 * Signed round terms: what the coordinator asks one client to do in one round ({@link io.flotilla.wire.terms.RoundTerms}:
 * model, parameter and mask digests, hyperparameters, seed, deadline, security mode, round key), in a canonical
 * versioned binary form, signed with the coordinator's Ed25519 identity key and sent with the key's certificate
 * ({@link io.flotilla.wire.terms.SignedRoundTerms}). A client checks them against the federation CA
 * ({@link io.flotilla.wire.terms.RoundTermsVerifier}) before it fetches anything, so no node but a certified
 * coordinator can direct its training or name the key its update is sealed to. Free of Akka and Kryo: the same
 * bytes travel through HTTP gateways to clients that have neither.
 */
package io.flotilla.wire.terms;
