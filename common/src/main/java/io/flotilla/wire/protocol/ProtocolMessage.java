package io.flotilla.wire.protocol;

import io.flotilla.wire.WireMessage;

/**
 * Marker of every client/coordinator message that crosses the network. It extends {@link WireMessage}, which the
 * Kryo serializer binds, and every implementation is listed in {@link io.flotilla.wire.kryo.WireRegistry}.
 */
public interface ProtocolMessage extends WireMessage {
}
