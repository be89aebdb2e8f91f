package io.flotilla.privacy;

import io.flotilla.aggregation.Strategy;
import io.flotilla.aggregation.UpdateAccumulator;
import io.flotilla.model.ModelLayout;
import java.util.Objects;

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
public final class DpFedAvgClientNoise extends DpFedAvgStrategy {
    private final ClientNoiseMode mode;

    public DpFedAvgClientNoise(Strategy inner, DpFedAvgConfig config, ClientNoiseMode mode) {
        super(inner, config);
        this.mode = Objects.requireNonNull(mode, "mode");
    }

    @Override
    public String name() {
        return (mode == ClientNoiseMode.LOCAL ? "dp-local-" : "dp-distributed-") + inner().name();
    }

    @Override
    public UpdateAccumulator newAccumulator(ModelLayout layout) {
        return ClippedSum.unclipped(layout.totalSize());
    }

    /** No server noise: the clients noised their deltas. */
    @Override
    double sumNoiseStd(ClippedSum sum) {
        return 0.0;
    }

    @Override
    NoiseSource noiseSource() {
        return null;
    }

    /** The sampling rate charged per round: q = m / N, or 1 for local DP. */
    @Override
    public double accountedSamplingRate() {
        return mode == ClientNoiseMode.LOCAL ? 1.0 : config().samplingRate();
    }

    /** The multiplier charged for a round in which {@code received} noised deltas were summed. */
    @Override
    public double accountedNoiseMultiplier(int received) {
        DpFedAvgConfig config = config();
        if (mode == ClientNoiseMode.LOCAL || received >= config.expectedCohortSize()) {
            return config.noiseMultiplier();
        }
        return config.noiseMultiplier() * Math.sqrt((double) received / config.expectedCohortSize());
    }

    public ClientNoiseMode mode() {
        return mode;
    }
}
