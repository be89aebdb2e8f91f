package io.flotilla.aggregation;

import java.util.List;

/**
 * FedAvg with server momentum (Hsu et al. 2019, "Measuring the Effects of Non-Identical Data Distribution"):
 * {@code v = momentum * v + meanDelta; global += serverLearningRate * v}. Streams deltas (memory: the sum plus one
 * model-sized velocity, checkpointed as state {@code velocity}).
 */
public final class FedAvgM extends ServerOptimizerStrategy {
    private final float serverLearningRate;
    private final float momentum;

    /**
     * @param serverLearningRate step on the velocity, positive (1 with momentum 0 is plain FedAvg)
     * @param momentum server momentum in [0, 1)
     */
    public FedAvgM(float serverLearningRate, float momentum) {
        super(List.of("velocity"));
        this.serverLearningRate = requirePositive("server learning rate", serverLearningRate);
        this.momentum = requireRange("server momentum", momentum, 0f, 1f);
    }

    @Override
    public String name() {
        return "fedavgm";
    }

    @Override
    void step(int round, float[] params, float[] meanDelta, float[][] state) {
        ServerOptimizerMath.momentumStepInPlace(params, state[0], meanDelta, serverLearningRate, momentum);
    }
}
