package io.flotilla.wire.seal;

import io.flotilla.wire.SecurityMode;
import io.flotilla.wire.update.UpdateSealer;
import java.util.Objects;
import java.util.function.Function;

/**
 * How a client protects its update, chosen once when it starts: each update sealed on its own, or masked into the
 * cohort's secure sum. The client refuses instructions asking for another {@link #mode()}.
 */
public sealed interface ClientProtection {

    /** The security mode this protection implements. */
    SecurityMode mode();

    /**
     * The result of the function for this case. Java 17 has no exhaustive pattern switch; this is its stand-in, so
     * that a new kind of protection is a compile error wherever a case is chosen.
     */
    <R> R match(Function<? super PerUpdate, ? extends R> perUpdate,
                Function<? super SecureSum, ? extends R> secureSum);

    /** Each update is sealed by {@code sealer} (envelope encryption, or plaintext) and submitted on its own. */
    record PerUpdate(UpdateSealer sealer) implements ClientProtection {
        public PerUpdate {
            Objects.requireNonNull(sealer, "sealer");
        }

        @Override
        public SecurityMode mode() {
            return sealer.mode();
        }

        @Override
        public <R> R match(Function<? super PerUpdate, ? extends R> perUpdate,
                           Function<? super SecureSum, ? extends R> secureSum) {
            return perUpdate.apply(this);
        }
    }

    /**
     * Secure aggregation: the delta is masked in the round's secure-sum session, never sealed on its own; every
     * report of the session is signed by {@code signer} (the client's identity key).
     */
    record SecureSum(SecAggReportSigner signer) implements ClientProtection {
        public SecureSum {
            Objects.requireNonNull(signer, "signer");
        }

        @Override
        public SecurityMode mode() {
            return SecurityMode.SECAGG;
        }

        @Override
        public <R> R match(Function<? super PerUpdate, ? extends R> perUpdate,
                           Function<? super SecureSum, ? extends R> secureSum) {
            return secureSum.apply(this);
        }
    }
}
