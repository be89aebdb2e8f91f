package io.flotilla.aggregation;

import io.flotilla.model.ModelLayout;
import io.flotilla.model.ParameterSet;
import java.util.Optional;

/**
 * Federated averaging (McMahan et al. 2017): the next global model is the global model plus the mean of the
 * clients' deltas weighted by their example counts. Streams: memory is one model-sized sum.
 */
public final class FedAvg implements Strategy {

    @Override
    public String name() {
        return "fedavg";
    }

    @Override
    public UpdateAccumulator newAccumulator(ModelLayout layout) {
        return new WeightedSum(layout.totalSize());
    }

    @Override
    public Optional<ParameterSet> aggregateFit(int round, ParameterSet global, UpdateAccumulator updates) {
        if (updates.count() == 0) {
            return Optional.empty();
        }
        float[] mean = ((WeightedSum) updates).mean();
        return Optional.of(global.copy().addScaledInPlace(1f, ParameterSet.wrap(global.layout(), mean)));
    }
}
