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
 * DP-FedAvg with fixed clipping and server-side noise (McMahan et al. 2018), for a trusted coordinator: each
 * delta is clipped to S as it arrives, Gaussian noise of standard deviation {@code z * S} is added to the sum,
 * and the sum is divided by the expected cohort size m before the wrapped strategy applies it. Deltas are
 * weighted uniformly (see {@link ClippedSum}), so adding or removing one client moves the sum by at most S and
 * each round is the Poisson-subsampled Gaussian mechanism with q = m / N and multiplier z.
 */
public final class DpFedAvgServerNoise extends ForwardingStrategy implements PrivateStrategy {
    private final DpFedAvgConfig config;
    private final NoiseSource noise;
    private final PrivacyLedger ledger;

    public DpFedAvgServerNoise(Strategy inner, DpFedAvgConfig config, NoiseSource noise) {
        super(NoisyMean.requireMeanBased(inner));
        this.config = Objects.requireNonNull(config, "config");
        this.noise = Objects.requireNonNull(noise, "noise");
        this.ledger = new PrivacyLedger(config.delta());
    }

    @Override
    public String name() {
        return "dp-fixed-" + inner().name();
    }

    @Override
    public UpdateAccumulator newAccumulator(ModelLayout layout) {
        return new ClippedSum(layout.totalSize(), config.clipNorm());
    }

    @Override
    public Optional<ParameterSet> aggregateFit(int round, ParameterSet global, UpdateAccumulator updates) {
        ClippedSum sum = (ClippedSum) updates;
        if (sum.count() == 0) {
            return Optional.empty();
        }
        Optional<ParameterSet> next = NoisyMean.aggregate(inner(), round, global, sum.sum(),
                config.noiseMultiplier() * config.clipNorm(), config.expectedCohortSize(), noise);
        ledger.recordRound(round, config.samplingRate(), config.noiseMultiplier());
        return next;
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
