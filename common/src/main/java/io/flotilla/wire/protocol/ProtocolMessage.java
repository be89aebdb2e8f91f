package io.flotilla.wire.protocol;

/**
 * Marker of every client/coordinator message that crosses the network. The wire serializer binds this interface,
 * so a message type that does not implement it can never be sent between nodes.
 */
public interface ProtocolMessage {
}
