package io.flotilla.coordinator;

import java.util.Locale;

/**
 * Why a round closed, or why it was not run, as written to the metrics file under {@code closed_by}
 * ({@link #key()}: the constant's name in lower case with hyphens, e.g. {@code all-answered}).
 */
public enum CloseCause {
    /** Every cohort member answered: an update, a rejection, a refusal or leaving the cluster. */
    ALL_ANSWERED,
    /** Too few members can still answer for the quorum to be met. */
    QUORUM_UNREACHABLE,
    /** The round's deadline passed. */
    DEADLINE,
    /** Secure aggregation unmasked the cohort's sum. */
    SECAGG_UNMASKED,
    /** The secure aggregation session failed (too few members left for its threshold, an abort). */
    SECAGG_FAILED,
    /**
     * The quorum was met, but the aggregate would have made the global model non-finite (overflow): it was not
     * published and the model kept.
     */
    NON_FINITE_MODEL,
    /** Not run: its release would take the privacy budget past its target. */
    PRIVACY_BUDGET,
    /** Not run: the Poisson cohort draw picked nobody. */
    EMPTY_COHORT,
    /** Not run: the previous {@code flotilla.round.max_consecutive_abandoned} attempts were all abandoned. */
    TOO_MANY_ABANDONED,
    /**
     * Not run: a coordinator restarted after its last configured round found nothing left to do. Sent to the
     * node's round listener (so the process can exit), never written to the metrics file.
     */
    FEDERATION_COMPLETE;

    /** The metrics spelling. */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The cause spelt {@code key}; throws naming it. */
    public static CloseCause parse(String key) {
        for (CloseCause c : values()) {
            if (c.key().equals(key)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown close cause '" + key + "'");
    }
}
