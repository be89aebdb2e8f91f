package io.flotilla.wire;

import java.util.Locale;

/** Why an update was not used; counted per round in the metrics under {@link #key()}. */
public enum RejectReason {
    /** Arrived after its round closed. */
    LATE,
    /** Names a round that is not the open one. */
    STALE_ROUND,
    /** Trained from another model version or global parameter hash than the round's. */
    STALE_MODEL,
    /** A second update from the same client in the same round. */
    DUPLICATE,
    /** From a client that was not sampled for the round. */
    NOT_IN_COHORT,
    /** The delta's length differs from the model's, or the blob is larger than any valid update. */
    WRONG_SHAPE,
    /** The delta holds NaN or infinity. */
    NON_FINITE,
    /** The example count is not positive. */
    BAD_EXAMPLES,
    /** The payload failed to open or parse (tampering, truncation, wrong binding). */
    MALFORMED,
    /** The payload blob could not be fetched or did not match its hash. */
    FETCH_FAILED,
    /** Signed by a client id with no enrolled identity key (envelope mode). */
    UNENROLLED,
    /** The signature does not verify under the client's enrolled identity key: altered header or signature. */
    BAD_SIGNATURE,
    /**
     * Authentic, but for another round: a replay of an earlier round's update (an honest client always seals to
     * the round it was instructed for), or a second envelope of a client in one round.
     */
    REPLAY,
    /** Sealed to a key other than this round's key. */
    WRONG_KEY,
    /** Authentic, but bound to another federation, model version, parameter hash or client id. */
    WRONG_BINDING,
    /** Correctly signed, but the ciphertext, a segment tag or the associated data fails authentication. */
    TAMPERED,
    /**
     * The example count (the update's weight in the mean) exceeds the count the client registered with, or the
     * federation's cap {@code flotilla.updates.max_examples}.
     */
    EXAMPLES_OUT_OF_RANGE,
    /**
     * The delta's L2 norm exceeds the federation's sanity bound relative to the global model
     * ({@code flotilla.updates.max_norm_ratio}, {@code flotilla.updates.norm_floor}).
     */
    NORM_OUT_OF_RANGE,
    /**
     * Names a cohort member but comes from another actor than the inbox that member registered: dropped, and never
     * counted as that member's answer.
     */
    WRONG_SENDER;

    /** Metrics spelling: {@code late}, {@code stale_round}, ... */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
