package io.flotilla.nn;

import io.flotilla.fit.TrainConfig;

/**
 * Updates a flat parameter array from a flat gradient of the same layout, one loop over both. Implementations
 * hold per-parameter state (momentum, moments) sized at construction; {@link #reset} clears it so that one
 * instance serves many training runs without allocating.
 */
public interface Optimizer {

    /** One step: modifies {@code params} (and this optimizer's state); {@code grads} is read only. */
    void stepInPlace(float[] params, float[] grads);

    /**
     * Changes the step size from the next step on (for learning-rate schedules); state is kept.
     *
     * @throws IllegalArgumentException when {@code lr} is not positive and finite (see {@link #checkLearningRate})
     */
    void setLearningRate(float lr);

    /** Forgets all state, as if newly built. */
    void reset();

    /**
     * Returns {@code lr} if it is a usable step size, positive and finite: the check every
     * {@link #setLearningRate} makes, so that a schedule fails the same way whatever the optimizer.
     *
     * @throws IllegalArgumentException otherwise
     */
    static float checkLearningRate(float lr) {
        if (!(lr > 0) || !Float.isFinite(lr)) {
            throw new IllegalArgumentException("learning rate must be positive and finite, got " + lr);
        }
        return lr;
    }

    /** The optimizer {@code config} asks for, for {@code size} parameters. */
    static Optimizer of(TrainConfig config, int size) {
        return switch (config.optimizer()) {
            case SGD -> new SgdOptimizer(size, config.learningRate(), config.momentum(), config.weightDecay(),
                    config.nesterov());
            case ADAM -> new AdamOptimizer(size, config.learningRate(), 0.9f, 0.999f, 1e-8f, config.weightDecay());
        };
    }
}
