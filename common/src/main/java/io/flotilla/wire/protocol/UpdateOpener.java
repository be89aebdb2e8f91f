package io.flotilla.wire.protocol;

import java.security.GeneralSecurityException;

/**
 * Coordinator side of update protection: verifies and opens what an {@link UpdateSealer} produced. The round
 * collector calls it before any validation of the delta, so tampered or misbound updates are rejected as
 * {@link RejectReason#MALFORMED} and never reach the aggregate.
 */
public interface UpdateOpener {

    /** The security mode this opener implements. */
    SecurityMode mode();

    /**
     * Largest sealed size a valid update of a {@code values}-parameter model can have; larger blobs are refused
     * before they are fetched.
     */
    long maxSealedSize(int values);

    /**
     * Opens {@code sealed}, which must have been sealed under {@code context}.
     *
     * @param maxValues the model's size, a bound on what the payload may claim
     * @throws GeneralSecurityException when the bytes fail authentication, parsing or the binding check
     */
    UpdatePayload open(byte[] sealed, SealContext context, int maxValues) throws GeneralSecurityException;
}
