/**
 * The client/coordinator protocol: small control messages (records) between client agents, the coordinator and
 * its round and evaluation children, plus the checks their constructors run. Parameters and deltas travel
 * outside actor messages, through {@code io.flotilla.wire.transfer}; the global model's byte formats are in
 * {@code io.flotilla.model.encoding}; how an update is protected (sealing, opening, signing, verifying and their
 * byte formats) is in {@code io.flotilla.wire.update} and {@code io.flotilla.wire.seal}. The checks the records'
 * constructors run and {@code SecurityMode} are in {@code io.flotilla.wire} (flotilla-core).
 *
 * <p>Secure aggregation ({@code security = secagg}) has its own records, one per stage and direction
 * ({@code SecAggSetup}, {@code SecAggPeerKeys}, {@code SecAggRelayedShares}, {@code SecAggUnmaskRequest} to the
 * client; the {@link io.flotilla.wire.protocol.SecAggReport}s back), each signed by the member.
 *
 * <p>Commands are imperative ({@code SubmitUpdate}), replies and events past tense ({@code UpdateAccepted}).
 * Every message that crosses the network implements {@link io.flotilla.wire.protocol.ProtocolMessage}.
 */
package io.flotilla.wire.protocol;
