package io.flotilla.aggregation;

/**
 * FedAdam (Reddi et al. 2021): Adam on the server over the mean delta with Flower's bias correction, as in
 * {@code fedadam.py} (see {@link ServerOptimizerMath#adamStepInPlace}). Streams deltas; state {@code m}, {@code v}
 * (two model-sized vectors) is checkpointed. The bias correction depends on the round number passed to
 * {@link #aggregateFit}, so a resumed run must keep its round numbering.
 */
public final class FedAdam extends FedOpt {

    /**
     * @param eta server learning rate, positive (Flower's default 0.1)
     * @param beta1 first-moment decay in [0, 1) (default 0.9)
     * @param beta2 second-moment decay in [0, 1) (default 0.99)
     * @param tau adaptivity, positive (Flower's default 1e-9)
     */
    public FedAdam(float eta, float beta1, float beta2, float tau) {
        super(eta, beta1, beta2, tau);
    }

    @Override
    public String name() {
        return "fedadam";
    }

    @Override
    void stepInPlace(int round, float[] params, float[] m, float[] v, float[] delta) {
        ServerOptimizerMath.adamStepInPlace(params, m, v, delta, round, eta, beta1, beta2, tau);
    }
}
