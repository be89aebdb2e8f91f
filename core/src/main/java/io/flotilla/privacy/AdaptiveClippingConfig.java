package io.flotilla.privacy;

/**
 * Settings of adaptive clipping (Andrew, Thakkar, McMahan and Ramaswamy 2021, "Differentially Private Learning
 * with Adaptive Clipping").
 *
 * @param targetQuantile gamma: the fraction of clients whose delta should fall within the clipping norm, in (0, 1)
 * @param learningRate eta: step of the geometric update {@code C <- C exp(-eta (b - gamma))}, > 0
 * @param countNoiseStd sigma_b: standard deviation of the noise on the count of unclipped clients, > 0
 */
public record AdaptiveClippingConfig(double targetQuantile, double learningRate, double countNoiseStd) {
    public AdaptiveClippingConfig {
        if (!(targetQuantile > 0 && targetQuantile < 1)) {
            throw new IllegalArgumentException("target quantile must be in (0, 1), got " + targetQuantile);
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be finite and > 0, got " + learningRate);
        }
        if (!(countNoiseStd > 0) || Double.isInfinite(countNoiseStd)) {
            throw new IllegalArgumentException("count noise std must be finite and > 0, got " + countNoiseStd);
        }
    }

    /** The paper's defaults: median (0.5), learning rate 0.2, count noise m / 20 for expected cohort m. */
    public static AdaptiveClippingConfig defaults(int expectedCohortSize) {
        return new AdaptiveClippingConfig(0.5, 0.2, expectedCohortSize / 20.0);
    }
}
