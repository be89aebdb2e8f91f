package io.flotilla.wire.protocol;

/**
 * Client side of update protection: turns a payload into the bytes that leave the client. Envelope encryption
 * (issue 4) implements it by sealing to the round's key with {@code context} as associated data; the client
 * agent's update path does not change.
 */
public interface UpdateSealer {

    /** The security mode this sealer implements; the client refuses instructions asking for another one. */
    SecurityMode mode();

    /** The protected bytes of {@code payload}, bound to {@code context}. */
    byte[] seal(UpdatePayload payload, SealContext context);
}
