package io.flotilla.privacy;

import io.flotilla.aggregation.Strategy;

/**
 * A strategy that releases differentially private aggregates and keeps their privacy ledger: what the round loop
 * asks before each round ({@link #nextRoundWouldExceedBudget()}) and what run reports read afterwards
 * ({@code epsilon}, {@code delta}, {@code noise_multiplier}, {@code clipping_norm}).
 */
public interface PrivateStrategy extends Strategy {

    /** The settings this strategy runs with. */
    DpFedAvgConfig config();

    /** Every released round's privacy cost and the cumulative guarantee. */
    PrivacyLedger ledger();

    /** The clipping norm the next round will use (changes only under adaptive clipping). */
    double currentClipNorm();

    /**
     * True when the configured budget is finite and one more round would take epsilon above it: the coordinator
     * then stops before that round and records "privacy budget exhausted" as the reason.
     */
    default boolean nextRoundWouldExceedBudget() {
        DpFedAvgConfig c = config();
        return c.hasBudget()
                && ledger().nextRoundWouldExceed(c.targetEpsilon(), c.samplingRate(), c.noiseMultiplier());
    }
}
