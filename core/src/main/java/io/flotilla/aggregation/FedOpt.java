package io.flotilla.aggregation;

import java.util.List;

/**
 * The adaptive server optimizers of Reddi et al. 2021 ("Adaptive Federated Optimization"), as Flower's
 * {@code fedopt.py} shapes them: this base holds the shared hyperparameters once (server learning rate
 * {@code eta}, moment decays {@code beta1} and {@code beta2}, adaptivity {@code tau}) and the two model-sized
 * state vectors {@code m} and {@code v}; {@link FedAdagrad}, {@link FedAdam} and {@link FedYogi} differ only in
 * the second-moment rule, each one kernel of {@link ServerOptimizerMath}. The client learning rate (Flower's
 * {@code eta_l}) is not here: it is local training's, in {@code io.flotilla.fit.TrainConfig}.
 */
public abstract sealed class FedOpt extends ServerOptimizerStrategy permits FedAdagrad, FedAdam, FedYogi {
    /** Server learning rate, positive. */
    final float eta;
    /** First-moment decay in [0, 1). */
    final float beta1;
    /** Second-moment decay in [0, 1). */
    final float beta2;
    /** Adaptivity (the denominator's offset), positive. */
    final float tau;

    FedOpt(float eta, float beta1, float beta2, float tau) {
        super(List.of("m", "v"));
        this.eta = requirePositive("eta", eta);
        this.beta1 = requireRange("beta1", beta1, 0f, 1f);
        this.beta2 = requireRange("beta2", beta2, 0f, 1f);
        this.tau = requirePositive("tau", tau);
    }

    @Override
    final void step(int round, float[] params, float[] meanDelta, float[][] state) {
        stepInPlace(round, params, state[0], state[1], meanDelta);
    }

    /** One optimizer step: modifies {@code params}, {@code m} and {@code v}; {@code delta} is read only. */
    abstract void stepInPlace(int round, float[] params, float[] m, float[] v, float[] delta);
}
