package io.flotilla.wire;

/**
 * Marker for every type that crosses the network between Flotilla nodes.
 *
 * <p>Akka binds this interface to {@code io.flotilla.wire.kryo.KryoSerializer} (flotilla-common) in {@code
 * reference.conf}; a message that leaves the JVM and does not implement it finds no serializer (Java serialization
 * is off) and is dropped with an error. Every implementing class must also be listed, with a fixed id, in {@code
 * io.flotilla.wire.kryo.WireRegistry}; otherwise serializing it fails with a message naming the class.
 */
public interface WireMessage {
}
