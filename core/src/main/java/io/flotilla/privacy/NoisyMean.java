package io.flotilla.privacy;

import io.flotilla.aggregation.Strategy;
import io.flotilla.aggregation.UpdateAccumulator;
import io.flotilla.model.ParameterSet;
import java.util.Optional;

/**
 * The common tail of the DP-FedAvg wrappers: noise the sum, divide by the fixed denominator, and hand the
 * resulting mean delta to the wrapped strategy as its only update (weight 1), so that whatever the inner strategy
 * does with a mean (FedAvg adds it; a server optimizer takes a step along it) it does with the private mean.
 */
final class NoisyMean {
    private NoisyMean() {
    }

    static Optional<ParameterSet> aggregate(Strategy inner, int round, ParameterSet global, double[] sum,
            double noiseStd, double denominator, NoiseSource noise) {
        if (noiseStd > 0) {
            noise.addGaussianInPlace(sum, noiseStd);
        }
        float[] mean = new float[sum.length];
        double inv = 1.0 / denominator;
        for (int i = 0; i < mean.length; i++) {
            mean[i] = (float) (sum[i] * inv);
        }
        UpdateAccumulator single = inner.newAccumulator(global.layout());
        single.add(mean, 1);
        return inner.aggregateFit(round, global, single);
    }

    static Strategy requireMeanBased(Strategy inner) {
        if (inner.requiresIndividualUpdates()) {
            throw new IllegalArgumentException("DP-FedAvg wraps mean-based strategies only; " + inner.name()
                    + " needs every individual update");
        }
        return inner;
    }
}
