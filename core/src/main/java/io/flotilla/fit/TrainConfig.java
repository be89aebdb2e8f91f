package io.flotilla.fit;

/**
 * Hyperparameters of one local training run. Never mixed with model parameters.
 *
 * @param epochs passes over the local data, at least 1
 * @param batchSize examples per step, at least 1
 * @param learningRate step size, positive and finite
 * @param momentum SGD momentum in [0, 1)
 * @param weightDecay L2 penalty, non-negative
 * @param nesterov Nesterov momentum (SGD only)
 * @param optimizer which optimizer runs the steps
 * @param proximalMu FedProx proximal term mu (0 for plain FedAvg), non-negative
 * @param dpSgdNoiseMultiplier example-level DP-SGD's z: Gaussian noise of standard deviation {@code z * C} on the
 *     sum of clipped per-example gradients of each step; 0 when DP-SGD is off
 * @param dpSgdClipNorm example-level DP-SGD's C: each example's gradient is clipped to this L2 norm; 0 when off.
 *     Both are 0 (off) or both finite and positive (on); with DP-SGD on, batches are Poisson-sampled with
 *     q = batchSize / examples (see {@code DpSgd.stepsPerEpoch} in the privacy package)
 */
public record TrainConfig(int epochs, int batchSize, float learningRate, float momentum, float weightDecay,
                          boolean nesterov, Optimizer optimizer, float proximalMu, double dpSgdNoiseMultiplier,
                          double dpSgdClipNorm) {

    /** Hyperparameters without example-level DP-SGD. */
    public TrainConfig(int epochs, int batchSize, float learningRate, float momentum, float weightDecay,
                       boolean nesterov, Optimizer optimizer, float proximalMu) {
        this(epochs, batchSize, learningRate, momentum, weightDecay, nesterov, optimizer, proximalMu, 0, 0);
    }

    /** Optimizers of the built-in engine. */
    public enum Optimizer {
        SGD,
        ADAM
    }

    public TrainConfig {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        if (!(learningRate > 0) || !Float.isFinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be positive and finite, got " + learningRate);
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
        }
        if (!(weightDecay >= 0) || !Float.isFinite(weightDecay)) {
            throw new IllegalArgumentException("weight decay must be non-negative, got " + weightDecay);
        }
        if (optimizer == null) {
            throw new IllegalArgumentException("optimizer must not be null");
        }
        if (!(proximalMu >= 0) || !Float.isFinite(proximalMu)) {
            throw new IllegalArgumentException("proximal mu must be non-negative, got " + proximalMu);
        }
        boolean off = dpSgdNoiseMultiplier == 0 && dpSgdClipNorm == 0;
        boolean on = dpSgdNoiseMultiplier > 0 && Double.isFinite(dpSgdNoiseMultiplier) && dpSgdClipNorm > 0
                && Double.isFinite(dpSgdClipNorm);
        if (!off && !on) {
            throw new IllegalArgumentException("DP-SGD noise multiplier and clipping norm must both be 0 (off) or both "
                    + "finite and > 0, got " + dpSgdNoiseMultiplier + " and " + dpSgdClipNorm);
        }
    }

    /** True when example-level DP-SGD is on. */
    public boolean dpSgd() {
        return dpSgdClipNorm > 0;
    }

    /** The same hyperparameters with DP-SGD at multiplier {@code z} and clipping norm {@code c} (0, 0: off). */
    public TrainConfig withDpSgd(double z, double c) {
        return new TrainConfig(epochs, batchSize, learningRate, momentum, weightDecay, nesterov, optimizer, proximalMu,
                z, c);
    }

    /** Plain SGD: 1 epoch, batch 32, lr 0.01. */
    public static TrainConfig defaults() {
        return new TrainConfig(1, 32, 0.01f, 0f, 0f, false, Optimizer.SGD, 0f);
    }

    public TrainConfig withEpochs(int e) {
        return new TrainConfig(e, batchSize, learningRate, momentum, weightDecay, nesterov, optimizer,
                proximalMu, dpSgdNoiseMultiplier, dpSgdClipNorm);
    }

    public TrainConfig withBatchSize(int b) {
        return new TrainConfig(epochs, b, learningRate, momentum, weightDecay, nesterov, optimizer,
                proximalMu, dpSgdNoiseMultiplier, dpSgdClipNorm);
    }

    public TrainConfig withLearningRate(float lr) {
        return new TrainConfig(epochs, batchSize, lr, momentum, weightDecay, nesterov, optimizer,
                proximalMu, dpSgdNoiseMultiplier, dpSgdClipNorm);
    }

    public TrainConfig withMomentum(float m, boolean useNesterov) {
        return new TrainConfig(epochs, batchSize, learningRate, m, weightDecay, useNesterov, optimizer,
                proximalMu, dpSgdNoiseMultiplier, dpSgdClipNorm);
    }

    public TrainConfig withWeightDecay(float wd) {
        return new TrainConfig(epochs, batchSize, learningRate, momentum, wd, nesterov, optimizer,
                proximalMu, dpSgdNoiseMultiplier, dpSgdClipNorm);
    }

    public TrainConfig withOptimizer(Optimizer o) {
        return new TrainConfig(epochs, batchSize, learningRate, momentum, weightDecay, nesterov, o,
                proximalMu, dpSgdNoiseMultiplier, dpSgdClipNorm);
    }

    public TrainConfig withProximalMu(float mu) {
        return new TrainConfig(epochs, batchSize, learningRate, momentum, weightDecay, nesterov, optimizer, mu,
                dpSgdNoiseMultiplier, dpSgdClipNorm);
    }
}
