/**
 * The client/coordinator protocol: small control messages (records) between client agents, the coordinator and
 * its round collectors, plus the checks their constructors run, and {@link io.flotilla.wire.protocol.BlobExchange},
 * the seam through which parameters and deltas travel outside actor messages. How an update is protected
 * (sealing, opening, signing, verifying and their byte formats) is in {@code io.flotilla.wire.seal}.
 *
 * <p>Secure aggregation ({@code security = secagg}) has its own records, one per stage and direction
 * ({@code SecAggSetup}, {@code SecAggPeerKeys}, {@code SecAggRelayedShares}, {@code SecAggUnmaskRequest} to the
 * client; the {@link io.flotilla.wire.protocol.SecAggReport}s back), each signed by the member.
 *
 * <p>Commands are imperative ({@code SubmitUpdate}), replies and events past tense ({@code UpdateAccepted}).
 * Every message that crosses the network implements {@link io.flotilla.wire.protocol.ProtocolMessage}.
 */
package io.flotilla.wire.protocol;
