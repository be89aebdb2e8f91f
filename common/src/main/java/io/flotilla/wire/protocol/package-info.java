/**
 * The client/coordinator protocol: small control messages (records) between client agents, the coordinator and
 * its round collectors, the {@link io.flotilla.wire.protocol.UpdatePayload} format of a client's delta, the
 * {@link io.flotilla.wire.protocol.UpdateSealer}/{@link io.flotilla.wire.protocol.UpdateOpener} seam with its
 * two implementations (plaintext, explicit and insecure; envelope encryption, the default:
 * {@link io.flotilla.wire.protocol.EnvelopeUpdateSealer}/{@link io.flotilla.wire.protocol.EnvelopeUpdateOpener}
 * over {@code io.flotilla.crypto.envelope}). Parameters and deltas travel outside actor messages, through
 * {@code io.flotilla.wire.transfer}; the global model's byte formats are in {@code io.flotilla.model.encoding}.
 *
 * <p>Secure aggregation ({@code security = secagg}) has its own records, one per stage and direction
 * ({@code SecAggSetup}, {@code SecAggPeerKeys}, {@code SecAggRelayedShares}, {@code SecAggUnmaskRequest} to the
 * client; the {@link io.flotilla.wire.protocol.SecAggReport}s back), the {@link io.flotilla.wire.protocol.MaskedInputBlob}
 * format of a masked input, {@link io.flotilla.wire.protocol.SecAggSettings}, and the
 * {@link io.flotilla.wire.protocol.SecAggUpdateSealer}/{@link io.flotilla.wire.protocol.SecAggUpdateOpener} pair that
 * marks the mode and refuses to seal or open any individual update. Every report is signed with the member's
 * identity key ({@link io.flotilla.wire.protocol.SecAggReportSigner}, over
 * {@link io.flotilla.wire.protocol.SecAggStatements}) and checked by the coordinator against the enrolled key
 * ({@link io.flotilla.wire.protocol.SecAggReportVerifier}).
 *
 * <p>Commands are imperative ({@code SubmitUpdate}), replies and events past tense ({@code UpdateAccepted}).
 * Every message that crosses the network implements {@link io.flotilla.wire.protocol.ProtocolMessage}.
 */
package io.flotilla.wire.protocol;
