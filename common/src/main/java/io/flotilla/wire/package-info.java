/**
 * The wire between Flotilla nodes: {@link io.flotilla.wire.WireMessage} (the marker bound to Kryo in
 * {@code reference.conf}), {@link io.flotilla.wire.WireRegistry} (the one list of wire types and their ids),
 * {@link io.flotilla.wire.WireCodec} (Kryo with registration required and a length check before every allocation)
 * and {@link io.flotilla.wire.KryoSerializer} (the Akka serializer over it). The client/coordinator messages live
 * in {@code io.flotilla.wire.protocol}; large payloads travel through {@code io.flotilla.wire.transfer}.
 */
package io.flotilla.wire;
