/**
 * Protection of one update on its own, with no Akka below it so that a client SDK can seal as a node does: the
 * {@link io.flotilla.wire.update.UpdatePayload} format, the {@link io.flotilla.wire.update.UpdateSealer}/{@link
 * io.flotilla.wire.update.UpdateOpener} seam bound to a {@link io.flotilla.wire.update.SealContext}, envelope
 * encryption ({@link io.flotilla.wire.update.EnvelopeUpdateSealer}, {@link
 * io.flotilla.wire.update.EnvelopeUpdateOpener}) and explicit plaintext ({@link
 * io.flotilla.wire.update.InsecurePlaintextUpdates}). Choosing a protection at node start and secure aggregation
 * stay in {@code io.flotilla.wire.seal}. An update refused for a countable reason raises {@link
 * io.flotilla.wire.UpdateRefusedException}.
 */
package io.flotilla.wire.update;
