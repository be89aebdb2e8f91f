package io.flotilla.privacy;

import io.flotilla.aggregation.Strategy;
import io.flotilla.aggregation.UpdateAccumulator;
import io.flotilla.model.ModelLayout;
import java.util.Objects;

/**
 * DP-FedAvg with fixed clipping and server-side noise (McMahan et al. 2018), for a trusted coordinator: each
 * delta is clipped to S as it arrives, Gaussian noise of standard deviation {@code z * S} is added to the sum,
 * and the sum is divided by the expected cohort size m before the wrapped strategy applies it. Deltas are
 * weighted uniformly (see {@link ClippedSum}), so adding or removing one client moves the sum by at most S and
 * each round is the Poisson-subsampled Gaussian mechanism with q = m / N and multiplier z.
 */
public final class DpFedAvgServerNoise extends DpFedAvgStrategy {
    private final NoiseSource noise;

    public DpFedAvgServerNoise(Strategy inner, DpFedAvgConfig config, NoiseSource noise) {
        super(inner, config);
        this.noise = Objects.requireNonNull(noise, "noise");
    }

    @Override
    public String name() {
        return "dp-fixed-" + inner().name();
    }

    @Override
    public UpdateAccumulator newAccumulator(ModelLayout layout) {
        return new ClippedSum(layout.totalSize(), config().clipNorm());
    }

    @Override
    double sumNoiseStd(ClippedSum sum) {
        return config().noiseMultiplier() * config().clipNorm();
    }

    @Override
    NoiseSource noiseSource() {
        return noise;
    }
}
