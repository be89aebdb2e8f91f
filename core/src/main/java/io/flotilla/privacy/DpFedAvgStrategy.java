package io.flotilla.privacy;

import io.flotilla.aggregation.ForwardingStrategy;
import io.flotilla.aggregation.Strategy;
import io.flotilla.aggregation.UpdateAccumulator;
import io.flotilla.model.ParameterSet;
import java.util.Objects;
import java.util.Optional;

/**
 * The one shape of every DP-FedAvg wrapper, as Flower's DP strategy wrappers share it: wraps a mean-based
 * strategy, sums the round's deltas into a {@link ClippedSum}, releases the noised mean over the expected cohort
 * through the wrapped strategy ({@link NoisyMean#aggregate}), and charges the round to its {@link PrivacyLedger}.
 * A subclass chooses only how deltas are clipped ({@link #newAccumulator}), the noise added to the sum
 * ({@link #sumNoiseStd}, {@link #noiseSource}), what it learns from a released round ({@link #afterRelease}) and,
 * when it differs from the configuration, what a round is charged ({@link #accountedSamplingRate},
 * {@link #accountedNoiseMultiplier}).
 */
public abstract sealed class DpFedAvgStrategy extends ForwardingStrategy implements PrivateStrategy
        permits DpFedAvgServerNoise, DpFedAvgClientNoise, DpFedAvgAdaptiveClipping {
    private final DpFedAvgConfig config;
    private final PrivacyLedger ledger;

    DpFedAvgStrategy(Strategy inner, DpFedAvgConfig config) {
        super(NoisyMean.requireMeanBased(inner));
        this.config = Objects.requireNonNull(config, "config");
        this.ledger = new PrivacyLedger(config.delta());
    }

    /**
     * An empty round keeps the global model and costs nothing; otherwise the noised mean goes to the wrapped
     * strategy, then the subclass updates its own state, then the round is charged.
     */
    @Override
    public final Optional<ParameterSet> aggregateFit(int round, ParameterSet global, UpdateAccumulator updates) {
        ClippedSum sum = (ClippedSum) updates;
        if (sum.count() == 0) {
            return Optional.empty();
        }
        Optional<ParameterSet> next = NoisyMean.aggregate(inner(), round, global, sum.sum(), sumNoiseStd(sum),
                config.expectedCohortSize(), noiseSource());
        afterRelease(sum);
        ledger.recordRound(round, accountedSamplingRate(), accountedNoiseMultiplier(sum.count()));
        return next;
    }

    /** Standard deviation of the Gaussian noise added to the sum of the deltas in {@code sum}; 0 adds none. */
    abstract double sumNoiseStd(ClippedSum sum);

    /** Where the server's noise comes from; null when {@link #sumNoiseStd} is always 0. */
    abstract NoiseSource noiseSource();

    /** Called once per released round, after the wrapped strategy has aggregated; does nothing by default. */
    void afterRelease(ClippedSum sum) {
    }

    /** The sampling rate charged per round: q = m / N unless a subclass knows better. */
    public double accountedSamplingRate() {
        return config.samplingRate();
    }

    /** The noise multiplier charged for a round in which {@code received} deltas were summed: z by default. */
    public double accountedNoiseMultiplier(int received) {
        return config.noiseMultiplier();
    }

    /** True when the budget is finite and one more round, charged as {@link #accountedSamplingRate}, exceeds it. */
    @Override
    public final boolean nextRoundWouldExceedBudget() {
        return config.hasBudget() && ledger.nextRoundWouldExceed(config.targetEpsilon(), accountedSamplingRate(),
                config.noiseMultiplier());
    }

    @Override
    public final DpFedAvgConfig config() {
        return config;
    }

    @Override
    public final PrivacyLedger ledger() {
        return ledger;
    }

    /** The configured clipping norm; adaptive clipping overrides it with the norm in force. */
    @Override
    public double currentClipNorm() {
        return config.clipNorm();
    }
}
