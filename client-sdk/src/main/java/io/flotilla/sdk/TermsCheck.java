package io.flotilla.sdk;

/**
 * Whether a task's round terms may be trusted: THE one place where the verification of the coordinator's signed
 * round terms plugs in (issue 15, part 3). Until the SDK carries a {@code wire.terms.RoundTermsVerifier}, a task
 * that comes with signed terms is refused (they cannot be checked, and training for unchecked terms is exactly
 * what signing exists to prevent), and an unsigned task is accepted unless the client requires signed terms.
 */
final class TermsCheck {
    private final boolean requireSigned;

    /** @param requireSigned refuse every task without verified signed terms */
    TermsCheck(boolean requireSigned) {
        this.requireSigned = requireSigned;
    }

    /** Why {@code task} must not be trained for, or null when it may. */
    String problem(RoundTask task) {
        // PLUG-IN POINT for the trust branch's io.flotilla.wire.terms (once it is in core):
        //   RoundTerms t = new RoundTermsVerifier(credentials.caCertificate(), credentials.federation(),
        //           credentials.clientId()).verify(task.terms());   // TermsRejectedException -> the reason
        // then refuse unless every field the client trains and seals with equals the verified one: round,
        // modelVersion, model, parameterCount, parameters sha256 and size, mask sha256 and size (or both absent),
        // config, seed, deadlineEpochMillis, security and roundKey; and from then on train with t's values.
        if (task.terms() != null) {
            return "the round's signed terms cannot be verified by this SDK build";
        }
        if (requireSigned) {
            return "the task carries no signed round terms and this client requires them";
        }
        return null;
    }
}
