package io.flotilla.aggregation;

/**
 * FedAdagrad (Reddi et al. 2021): Adagrad on the server over the mean delta, as in Flower's {@code fedadagrad.py}
 * (see {@link ServerOptimizerMath#adagradStepInPlace}), which fixes both moment decays at 0: {@code m} is the
 * round's delta and {@code v} sums the squared deltas. Streams deltas; state {@code m}, {@code v} (two model-sized
 * vectors) is checkpointed.
 */
public final class FedAdagrad extends FedOpt {

    /**
     * @param eta server learning rate, positive (Flower's default 0.1)
     * @param tau adaptivity, positive (Flower's default 1e-9)
     */
    public FedAdagrad(float eta, float tau) {
        super(eta, 0f, 0f, tau);
    }

    @Override
    public String name() {
        return "fedadagrad";
    }

    @Override
    void stepInPlace(int round, float[] params, float[] m, float[] v, float[] delta) {
        ServerOptimizerMath.adagradStepInPlace(params, m, v, delta, eta, tau);
    }
}
