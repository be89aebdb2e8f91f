/**
 * Kryo under Akka: {@link io.flotilla.wire.kryo.WireRegistry} (the one list of wire types and their ids, whose order
 * fixes the Kryo ids), {@link io.flotilla.wire.kryo.WireCodec} (Kryo with registration required and a length check
 * before every allocation) and {@link io.flotilla.wire.kryo.KryoSerializer} (the Akka serializer over it). The top
 * of the wire: it imports every message package, and none of them imports it.
 */
package io.flotilla.wire.kryo;
