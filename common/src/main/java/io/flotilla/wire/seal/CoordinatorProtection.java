package io.flotilla.wire.seal;

import io.flotilla.wire.SecurityMode;
import io.flotilla.wire.update.UpdateOpener;
import java.util.Objects;
import java.util.function.Function;

/**
 * How the coordinator receives the cohort's updates, chosen once when it starts: each update opened on its own, or
 * only the cohort's secure sum. The coordinator matches on this type once, at start, to pick how every round collects.
 */
public sealed interface CoordinatorProtection {

    /** The security mode this protection implements; must match the federation's {@code flotilla.security}. */
    SecurityMode mode();

    /**
     * Whether client {@code clientId} may enter the registry, cohorts and {@code min_available_clients}: under
     * {@code envelope} and {@code secagg} only a client whose identity key is enrolled, since nothing it sends could
     * be verified.
     */
    default boolean admits(String clientId) {
        return match(p -> p.opener().admits(clientId), s -> s.verifier().admits(clientId));
    }

    /**
     * The result of the function for this case. Java 17 has no exhaustive pattern switch; this is its stand-in, so
     * that a new kind of protection is a compile error wherever a case is chosen.
     */
    <R> R match(Function<? super PerUpdate, ? extends R> perUpdate,
                Function<? super SecureSum, ? extends R> secureSum);

    /** Each update is opened (verified, decrypted) by {@code opener} before it is validated and folded. */
    record PerUpdate(UpdateOpener opener) implements CoordinatorProtection {
        public PerUpdate {
            Objects.requireNonNull(opener, "opener");
        }

        @Override
        public SecurityMode mode() {
            return opener.mode();
        }

        @Override
        public <R> R match(Function<? super PerUpdate, ? extends R> perUpdate,
                           Function<? super SecureSum, ? extends R> secureSum) {
            return perUpdate.apply(this);
        }
    }

    /**
     * Secure aggregation: no individual update is ever opened; each round runs the secure-sum protocol with
     * {@code settings}, and every member's report must pass {@code verifier} (its enrolled identity key).
     */
    record SecureSum(SecAggSettings settings, SecAggReportVerifier verifier) implements CoordinatorProtection {
        public SecureSum {
            Objects.requireNonNull(settings, "settings");
            Objects.requireNonNull(verifier, "verifier");
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
