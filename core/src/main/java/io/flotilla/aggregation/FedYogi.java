package io.flotilla.aggregation;

/**
 * FedYogi (Reddi et al. 2021): Yogi on the server over the mean delta, as in Flower's {@code fedyogi.py}
 * (see {@link ServerOptimizerMath#yogiStepInPlace}). Streams deltas; state {@code m}, {@code v} (two model-sized
 * vectors) is checkpointed.
 */
public final class FedYogi extends FedOpt {

    /**
     * @param eta server learning rate, positive (Flower's default 0.01)
     * @param beta1 first-moment decay in [0, 1) (default 0.9)
     * @param beta2 second-moment decay in [0, 1) (default 0.99)
     * @param tau adaptivity, positive (Flower's default 1e-3)
     */
    public FedYogi(float eta, float beta1, float beta2, float tau) {
        super(eta, beta1, beta2, tau);
    }

    @Override
    public String name() {
        return "fedyogi";
    }

    @Override
    void stepInPlace(int round, float[] params, float[] m, float[] v, float[] delta) {
        ServerOptimizerMath.yogiStepInPlace(params, m, v, delta, eta, beta1, beta2, tau);
    }
}
