/**
 * The base of the wire between Flotilla nodes: {@link io.flotilla.wire.WireMessage} (the marker bound to Kryo in
 * {@code reference.conf}), the size limits every decoder obeys ({@link io.flotilla.wire.WireLimits}) and the error a
 * refused payload raises ({@link io.flotilla.wire.WireFormatException}). The serializer and the one list of wire
 * types live in {@code io.flotilla.wire.kryo}, the client/coordinator messages in {@code io.flotilla.wire.protocol},
 * and large payloads travel through {@code io.flotilla.wire.transfer}.
 */
package io.flotilla.wire;
