package io.flotilla.privacy;

import io.flotilla.aggregation.ForwardingStrategy;
import io.flotilla.aggregation.Strategy;
import io.flotilla.aggregation.UpdateAccumulator;
import io.flotilla.model.ModelLayout;
import io.flotilla.model.ParameterSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The coordinator's half of client-side DP-FedAvg: clients clip and noise their deltas with
 * {@link ClientDp#privatizeInPlace}; the coordinator sums them unweighted without further noise, divides by the
 * expected cohort m, and hands the mean to the wrapped strategy.
 *
 * <p>Accounting. {@link ClientNoiseMode#DISTRIBUTED}: the sum of k received deltas carries noise
 * {@code z S sqrt(k / m)}; when fewer than m clients answer (dropouts) the round is charged the smaller effective
 * multiplier {@code z sqrt(k / m)} at q = m / N, which is honest about lost noise shares.
 * {@link ClientNoiseMode#LOCAL}: each participation is charged as the Gaussian mechanism with multiplier z and
 * q = 1 (no amplification against a coordinator that knows the cohort); the ledger then reports the guarantee of
 * a client that took part in every released round, an upper bound for all clients.
 */
public final class DpFedAvgClientNoise extends ForwardingStrategy implements PrivateStrategy {
    private final DpFedAvgConfig config;
    private final ClientNoiseMode mode;
    private final PrivacyLedger ledger;

    public DpFedAvgClientNoise(Strategy inner, DpFedAvgConfig config, ClientNoiseMode mode) {
        super(NoisyMean.requireMeanBased(inner));
        this.config = Objects.requireNonNull(config, "config");
        this.mode = Objects.requireNonNull(mode, "mode");
        this.ledger = new PrivacyLedger(config.delta());
    }

    @Override
    public String name() {
        return (mode == ClientNoiseMode.LOCAL ? "dp-local-" : "dp-distributed-") + inner().name();
    }

    @Override
    public UpdateAccumulator newAccumulator(ModelLayout layout) {
        return ClippedSum.unclipped(layout.totalSize());
    }

    @Override
    public Optional<ParameterSet> aggregateFit(int round, ParameterSet global, UpdateAccumulator updates) {
        ClippedSum sum = (ClippedSum) updates;
        if (sum.count() == 0) {
            return Optional.empty();
        }
        Optional<ParameterSet> next = NoisyMean.aggregate(inner(), round, global, sum.sum(), 0.0,
                config.expectedCohortSize(), null);
        ledger.recordRound(round, accountedSamplingRate(), accountedNoiseMultiplier(sum.count()));
        return next;
    }

    /** The sampling rate charged per round: q = m / N, or 1 for local DP. */
    public double accountedSamplingRate() {
        return mode == ClientNoiseMode.LOCAL ? 1.0 : config.samplingRate();
    }

    /** The multiplier charged for a round in which {@code received} noised deltas were summed. */
    public double accountedNoiseMultiplier(int received) {
        if (mode == ClientNoiseMode.LOCAL || received >= config.expectedCohortSize()) {
            return config.noiseMultiplier();
        }
        return config.noiseMultiplier() * Math.sqrt((double) received / config.expectedCohortSize());
    }

    @Override
    public boolean nextRoundWouldExceedBudget() {
        return config.hasBudget() && ledger.nextRoundWouldExceed(config.targetEpsilon(), accountedSamplingRate(),
                config.noiseMultiplier());
    }

    public ClientNoiseMode mode() {
        return mode;
    }

    @Override
    public DpFedAvgConfig config() {
        return config;
    }

    @Override
    public PrivacyLedger ledger() {
        return ledger;
    }

    @Override
    public double currentClipNorm() {
        return config.clipNorm();
    }
}
