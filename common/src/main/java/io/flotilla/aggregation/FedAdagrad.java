package io.flotilla.aggregation;

import java.util.List;

/**
 * FedAdagrad (Reddi et al. 2021): Adagrad on the server over the mean delta, as in Flower's {@code fedadagrad.py}
 * (see {@link ServerOptimizerMath#adagradStepInPlace}). Streams deltas; state {@code m}, {@code v} (two model-sized
 * vectors) is checkpointed.
 */
public final class FedAdagrad extends ServerOptimizerStrategy {
    private final float eta;
    private final float tau;

    /**
     * @param eta server learning rate, positive (Flower's default 0.1)
     * @param tau adaptivity, positive (Flower's default 1e-9)
     */
    public FedAdagrad(float eta, float tau) {
        super(List.of("m", "v"));
        this.eta = requirePositive("eta", eta);
        this.tau = requirePositive("tau", tau);
    }

    @Override
    public String name() {
        return "fedadagrad";
    }

    @Override
    void step(int round, float[] params, float[] meanDelta, float[][] state) {
        ServerOptimizerMath.adagradStepInPlace(params, state[0], state[1], meanDelta, eta, tau);
    }
}
