package io.flotilla.wire.transfer;

import akka.actor.typed.ActorRef;
import io.flotilla.wire.WireMessage;

/**
 * A blob one node makes available to another: what it is, how big, and which {@link BlobServer} holds it. Embed
 * it in a protocol message (parameters to a client, a delta to the coordinator); the receiver pulls the bytes
 * with a {@link BlobFetcher}, which checks the size against its cap before allocating and the SHA-256 on arrival.
 *
 * @param id     SHA-256 of the bytes
 * @param size   length in bytes, as claimed by the offering node
 * @param server the server that holds the blob
 */
public record BlobOffer(BlobId id, long size, ActorRef<BlobServer.Command> server) implements WireMessage {
    public BlobOffer {
        if (id == null || server == null) {
            throw new IllegalArgumentException("a blob offer needs an id and a server");
        }
        if (size < 0) {
            throw new IllegalArgumentException("blob size must be >= 0, got " + size);
        }
    }
}
