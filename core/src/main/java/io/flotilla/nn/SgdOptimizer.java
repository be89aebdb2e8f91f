package io.flotilla.nn;

/**
 * Stochastic gradient descent with PyTorch's semantics: {@code g = grad + wd * w}; with momentum
 * {@code v = mu * v + g} (v starts at zero, so the first step is plain SGD), then {@code w -= lr * v}, or with
 * Nesterov {@code w -= lr * (g + mu * v)}.
 */
public final class SgdOptimizer implements Optimizer {
    private float lr;
    private final float momentum;
    private final float weightDecay;
    private final boolean nesterov;
    private final float[] velocity;

    public SgdOptimizer(int size, float lr, float momentum, float weightDecay, boolean nesterov) {
        if (nesterov && momentum == 0f) {
            throw new IllegalArgumentException("Nesterov momentum needs a momentum above 0");
        }
        this.lr = lr;
        this.momentum = momentum;
        this.weightDecay = weightDecay;
        this.nesterov = nesterov;
        this.velocity = momentum == 0f ? null : new float[size];
    }

    @Override
    public void stepInPlace(float[] params, float[] grads) {
        if (params.length != grads.length) {
            throw new IllegalArgumentException(
                    "parameters have " + params.length + " values, gradients " + grads.length);
        }
        int n = params.length;
        if (velocity == null) {
            for (int i = 0; i < n; i++) {
                params[i] -= lr * (grads[i] + weightDecay * params[i]);
            }
            return;
        }
        if (velocity.length != n) {
            throw new IllegalArgumentException("optimizer built for " + velocity.length + " parameters, got " + n);
        }
        float mu = momentum;
        for (int i = 0; i < n; i++) {
            float g = grads[i] + weightDecay * params[i];
            float v = mu * velocity[i] + g;
            velocity[i] = v;
            params[i] -= lr * (nesterov ? g + mu * v : v);
        }
    }

    @Override
    public void setLearningRate(float lr) {
        this.lr = Optimizer.checkLearningRate(lr);
    }

    @Override
    public void reset() {
        if (velocity != null) {
            java.util.Arrays.fill(velocity, 0f);
        }
    }
}
