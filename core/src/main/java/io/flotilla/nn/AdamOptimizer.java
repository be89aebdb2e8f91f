package io.flotilla.nn;

/**
 * Adam (Kingma and Ba) with bias correction and PyTorch's L2 weight decay ({@code g = grad + wd * w}):
 * {@code m = b1 m + (1-b1) g}, {@code v = b2 v + (1-b2) g^2},
 * {@code w -= lr * (m / (1-b1^t)) / (sqrt(v / (1-b2^t)) + eps)}.
 */
public final class AdamOptimizer implements Optimizer {
    private float lr;
    private final float beta1;
    private final float beta2;
    private final float eps;
    private final float weightDecay;
    private final float[] m;
    private final float[] v;
    private int t;

    public AdamOptimizer(int size, float lr, float beta1, float beta2, float eps, float weightDecay) {
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("betas must be in [0, 1), got " + beta1 + ", " + beta2);
        }
        if (!(eps > 0)) {
            throw new IllegalArgumentException("epsilon must be positive, got " + eps);
        }
        this.lr = lr;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.m = new float[size];
        this.v = new float[size];
    }

    @Override
    public void stepInPlace(float[] params, float[] grads) {
        if (params.length != m.length || grads.length != m.length) {
            throw new IllegalArgumentException("optimizer built for " + m.length + " parameters, got "
                    + params.length + " parameters and " + grads.length + " gradients");
        }
        t++;
        float c1 = (float) (1 - Math.pow(beta1, t));
        float c2 = (float) Math.sqrt(1 - Math.pow(beta2, t));
        float step = lr / c1;
        float b1 = beta1;
        float b2 = beta2;
        for (int i = 0; i < params.length; i++) {
            float g = grads[i] + weightDecay * params[i];
            float mi = b1 * m[i] + (1 - b1) * g;
            float vi = b2 * v[i] + (1 - b2) * g * g;
            m[i] = mi;
            v[i] = vi;
            params[i] -= step * mi / ((float) Math.sqrt(vi) / c2 + eps);
        }
    }

    @Override
    public void setLearningRate(float lr) {
        this.lr = Optimizer.checkLearningRate(lr);
    }

    @Override
    public void reset() {
        java.util.Arrays.fill(m, 0f);
        java.util.Arrays.fill(v, 0f);
        t = 0;
    }
}
