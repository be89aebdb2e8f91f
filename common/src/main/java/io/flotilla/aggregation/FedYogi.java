package io.flotilla.aggregation;

import java.util.List;

/**
 * FedYogi (Reddi et al. 2021): Yogi on the server over the mean delta, as in Flower's {@code fedyogi.py}
 * (see {@link ServerOptimizerMath#yogiStepInPlace}). Streams deltas; state {@code m}, {@code v} (two model-sized
 * vectors) is checkpointed.
 */
public final class FedYogi extends ServerOptimizerStrategy {
    private final float eta;
    private final float beta1;
    private final float beta2;
    private final float tau;

    /**
     * @param eta server learning rate, positive (Flower's default 0.01)
     * @param beta1 first-moment decay in [0, 1) (default 0.9)
     * @param beta2 second-moment decay in [0, 1) (default 0.99)
     * @param tau adaptivity, positive (Flower's default 1e-3)
     */
    public FedYogi(float eta, float beta1, float beta2, float tau) {
        super(List.of("m", "v"));
        this.eta = requirePositive("eta", eta);
        this.beta1 = requireRange("beta1", beta1, 0f, 1f);
        this.beta2 = requireRange("beta2", beta2, 0f, 1f);
        this.tau = requirePositive("tau", tau);
    }

    @Override
    public String name() {
        return "fedyogi";
    }

    @Override
    void step(int round, float[] params, float[] meanDelta, float[][] state) {
        ServerOptimizerMath.yogiStepInPlace(params, state[0], state[1], meanDelta, eta, beta1, beta2, tau);
    }
}
