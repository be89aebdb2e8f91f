/**
 * Kryo serializers behind {@link io.flotilla.wire.kryo.WireCodec}: each checks a claimed length against the bytes that
 * remain in the input before it allocates. Not public API.
 */
package io.flotilla.wire.kryo.internal;
