/**
 * The base of the wire between Flotilla nodes: {@link io.flotilla.wire.WireMessage} (the marker bound to Kryo in
 * flotilla-common's {@code reference.conf}), the size limits every decoder obeys ({@link io.flotilla.wire.WireLimits})
 * and the error a refused payload raises ({@link io.flotilla.wire.WireFormatException}), why an update is refused:
 * {@link io.flotilla.wire.RejectReason}, counted in every round's metrics, carried by {@link
 * io.flotilla.wire.UpdateRefusedException} from {@code io.flotilla.crypto.envelope} and {@code io.flotilla.wire.update}
 * alike, the {@link io.flotilla.wire.SecurityMode} a federation runs in, and the id and round checks every protocol
 * record and sealed update runs ({@link io.flotilla.wire.ProtocolChecks}). Per-update sealing is in {@code
 * io.flotilla.wire.update}; in flotilla-common, the serializer and the one list of wire types live in {@code
 * io.flotilla.wire.kryo}, the client/coordinator messages in {@code io.flotilla.wire.protocol}, and large payloads
 * travel through {@code io.flotilla.wire.transfer}.
 */
package io.flotilla.wire;
