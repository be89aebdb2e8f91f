/** The client/coordinator protocol, its Kryo serializer for Akka, and chunked bulk transfer. */
package io.flotilla.wire;
