package io.flotilla.aggregation;

/**
 * Server optimizers over the round's averaged delta, as pure static kernels: FedAvgM (Hsu et al. 2019) and the
 * adaptive FedAdagrad, FedAdam and FedYogi of Reddi et al. 2021, "Adaptive Federated Optimization".
 *
 * <p>The updates follow Flower's {@code fedavgm.py}, {@code fedadagrad.py}, {@code fedadam.py} and
 * {@code fedyogi.py} exactly, with {@code delta} the sample-weighted mean of the clients' deltas (Flower's
 * {@code fedavg_aggregate - current_weights}). Every method modifies {@code params} and its state arrays in place
 * and nothing else; all arrays must have the same length, checked once before the loop. Arithmetic is in
 * {@code float}, like Flower's float32 arrays.
 */
public final class ServerOptimizerMath {
    private ServerOptimizerMath() {
    }

    /**
     * FedAvgM: {@code velocity = momentum * velocity + delta; params += lr * velocity}. With a zero initial velocity
     * the first round gives {@code velocity = delta}, as in Flower.
     */
    public static void momentumStepInPlace(float[] params, float[] velocity, float[] delta, float lr, float momentum) {
        checkLengths(params, delta, velocity, velocity);
        for (int i = 0; i < params.length; i++) {
            float v = momentum * velocity[i] + delta[i];
            velocity[i] = v;
            params[i] += lr * v;
        }
    }

    /**
     * FedAdagrad: {@code m = delta} (Flower fixes beta1 = 0), {@code v += delta^2},
     * {@code params += eta * m / (sqrt(v) + tau)}.
     */
    public static void adagradStepInPlace(float[] params, float[] m, float[] v, float[] delta, float eta, float tau) {
        checkLengths(params, delta, m, v);
        for (int i = 0; i < params.length; i++) {
            float d = delta[i];
            float vi = v[i] + d * d;
            m[i] = d;
            v[i] = vi;
            params[i] += eta * d / ((float) Math.sqrt(vi) + tau);
        }
    }

    /**
     * FedAdam: {@code m = b1 m + (1 - b1) delta}, {@code v = b2 v + (1 - b2) delta^2},
     * {@code params += etaNorm * m / (sqrt(v) + tau)} with Flower's bias-corrected step
     * {@code etaNorm = eta * sqrt(1 - b2^(round + 1)) / (1 - b1^(round + 1))}.
     */
    public static void adamStepInPlace(float[] params, float[] m, float[] v, float[] delta, int round,
                                       float eta, float beta1, float beta2, float tau) {
        checkLengths(params, delta, m, v);
        float etaNorm = adamStepSize(round, eta, beta1, beta2);
        float c1 = 1f - beta1;
        float c2 = 1f - beta2;
        for (int i = 0; i < params.length; i++) {
            float d = delta[i];
            float mi = beta1 * m[i] + c1 * d;
            float vi = beta2 * v[i] + c2 * (d * d);
            m[i] = mi;
            v[i] = vi;
            params[i] += etaNorm * mi / ((float) Math.sqrt(vi) + tau);
        }
    }

    /** Flower's bias-corrected FedAdam step size for a round (its exponent is {@code round + 1}). */
    public static float adamStepSize(int round, float eta, float beta1, float beta2) {
        double t = round + 1.0;
        return (float) (eta * Math.sqrt(1 - Math.pow(beta2, t)) / (1 - Math.pow(beta1, t)));
    }

    /**
     * FedYogi: {@code m = b1 m + (1 - b1) delta}, {@code v = v - (1 - b2) delta^2 sign(v - delta^2)},
     * {@code params += eta * m / (sqrt(v) + tau)} (no bias correction, as in Flower).
     */
    public static void yogiStepInPlace(float[] params, float[] m, float[] v, float[] delta,
                                       float eta, float beta1, float beta2, float tau) {
        checkLengths(params, delta, m, v);
        float c1 = 1f - beta1;
        float c2 = 1f - beta2;
        for (int i = 0; i < params.length; i++) {
            float d = delta[i];
            float d2 = d * d;
            float mi = beta1 * m[i] + c1 * d;
            float vi = v[i] - c2 * d2 * Math.signum(v[i] - d2);
            m[i] = mi;
            v[i] = vi;
            params[i] += eta * mi / ((float) Math.sqrt(vi) + tau);
        }
    }

    private static void checkLengths(float[] params, float[] delta, float[] s1, float[] s2) {
        if (delta.length != params.length || s1.length != params.length || s2.length != params.length) {
            throw new IllegalArgumentException("length mismatch: params " + params.length + ", delta " + delta.length
                    + ", state " + s1.length + " and " + s2.length);
        }
    }
}
