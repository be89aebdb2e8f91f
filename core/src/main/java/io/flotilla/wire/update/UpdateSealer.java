package io.flotilla.wire.update;

import io.flotilla.wire.SecurityMode;

/**
 * Client side of per-update protection: turns a payload into the bytes that leave the client.
 * {@link EnvelopeUpdateSealer} seals to the round's key with {@code context} as associated data;
 * {@link InsecurePlaintextUpdates} sends it as it is. Secure aggregation never seals an update on its own
 * ({@code io.flotilla.wire.seal.ClientProtection.SecureSum}).
 */
public interface UpdateSealer {

    /** The security mode this sealer implements; the client refuses instructions asking for another one. */
    SecurityMode mode();

    /** The protected bytes of {@code payload}, bound to {@code context}. */
    byte[] seal(UpdatePayload payload, SealContext context);
}
