package io.flotilla.aggregation;

import io.flotilla.fit.TrainConfig;
import io.flotilla.model.ModelLayout;
import io.flotilla.model.ParameterSet;
import java.util.Optional;

/**
 * FedProx (Li et al. 2020): the server side is FedAvg; the difference is the proximal term
 * {@code mu/2 ||w - w_global||^2} in each client's local objective, which this strategy sets on every round's
 * {@link TrainConfig} ({@link TrainConfig#proximalMu()}) for the local trainer to apply. Streams deltas.
 */
public final class FedProx implements Strategy {
    private final FedAvg fedAvg = new FedAvg();
    private final float mu;

    /** @param mu proximal coefficient, non-negative and finite (0 is plain FedAvg) */
    public FedProx(float mu) {
        if (!(mu >= 0) || !Float.isFinite(mu)) {
            throw new IllegalArgumentException("proximal mu must be non-negative and finite, got " + mu);
        }
        this.mu = mu;
    }

    @Override
    public String name() {
        return "fedprox";
    }

    public float mu() {
        return mu;
    }

    @Override
    public TrainConfig configureFit(int round, TrainConfig base) {
        return base.withProximalMu(mu);
    }

    @Override
    public UpdateAccumulator newAccumulator(ModelLayout layout) {
        return fedAvg.newAccumulator(layout);
    }

    @Override
    public Optional<ParameterSet> aggregateFit(int round, ParameterSet global, UpdateAccumulator updates) {
        return fedAvg.aggregateFit(round, global, updates);
    }
}
