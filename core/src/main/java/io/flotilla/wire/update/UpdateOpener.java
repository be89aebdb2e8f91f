package io.flotilla.wire.update;

import io.flotilla.wire.RejectReason;
import io.flotilla.wire.UpdateRefusedException;
import io.flotilla.wire.SecurityMode;
import java.security.GeneralSecurityException;

/**
 * Coordinator side of update protection: verifies and opens what an {@link UpdateSealer} produced. The round
 * collector calls it before any validation of the delta, so tampered or misbound updates are rejected (with the
 * reason of an {@link UpdateRefusedException}, else {@link RejectReason#MALFORMED}) and never reach the aggregate.
 */
public interface UpdateOpener {

    /**
     * Whether updates of {@code clientId} could ever be opened: in modes that verify identities, only an enrolled
     * client's. A client that could not is kept out of cohorts and quorums.
     */
    default boolean admits(String clientId) {
        return true;
    }

    /** The security mode this opener implements. */
    SecurityMode mode();

    /**
     * Largest sealed size a valid update of a {@code values}-parameter model can have; larger blobs are refused
     * before they are fetched.
     */
    long maxSealedSize(int values);

    /**
     * Starts {@code round}: returns the public key clients must seal its updates to, sent in the
     * {@code TrainInstruction}, or null in modes without one. Each call makes a fresh key (a restarted round gets a
     * new one); updates of earlier rounds are no longer opened. Called by the round collector before instructions
     * go out.
     */
    default byte[] beginRound(int round) {
        return null;
    }

    /**
     * Opens {@code sealed}, which must have been sealed under {@code context}.
     *
     * @param maxValues the model's size, a bound on what the payload may claim
     * @throws GeneralSecurityException when the bytes fail authentication, parsing or the binding check; an
     *     {@link UpdateRefusedException} names the reason to count
     */
    UpdatePayload open(byte[] sealed, SealContext context, int maxValues) throws GeneralSecurityException;
}
