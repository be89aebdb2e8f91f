/**
 * How a client's update is protected on its way to the coordinator, chosen once when a node starts
 * ({@link io.flotilla.wire.seal.ProtectionSetup}) as a sealed type: {@link io.flotilla.wire.seal.ClientProtection}
 * on a client, {@link io.flotilla.wire.seal.CoordinatorProtection} on the coordinator. Either each update is
 * protected on its own (the {@link io.flotilla.wire.update.UpdateSealer}/{@link
 * io.flotilla.wire.update.UpdateOpener} seam of {@code io.flotilla.wire.update} in flotilla-core: envelope
 * encryption, the default, or plaintext, explicit and insecure), or the cohort computes a secure sum
 * ({@link io.flotilla.wire.seal.SecAggSettings}, the {@link io.flotilla.wire.seal.MaskedInputBlob} format, and every
 * report signed by {@link io.flotilla.wire.seal.SecAggReportSigner} over
 * {@link io.flotilla.wire.seal.SecAggStatements} and checked by {@link io.flotilla.wire.seal.SecAggReportVerifier}).
 * An update refused for a countable reason raises {@link io.flotilla.wire.UpdateRefusedException}.
 */
package io.flotilla.wire.seal;
