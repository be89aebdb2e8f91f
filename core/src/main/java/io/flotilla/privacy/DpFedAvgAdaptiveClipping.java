package io.flotilla.privacy;

import io.flotilla.aggregation.Strategy;
import io.flotilla.aggregation.UpdateAccumulator;
import io.flotilla.model.ModelLayout;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * DP-FedAvg with adaptive clipping and server-side noise (Andrew et al. 2021): like {@link DpFedAvgServerNoise}
 * but the clipping norm follows a target quantile of the clients' delta norms, estimated each round from the
 * noised count of unclipped clients (see {@link AdaptiveClipping}). The deltas' sum gets noise
 * {@code z_delta * C} with {@code z_delta = (z^-2 - (2 sigma_b)^-2)^(-1/2)}, and each round is charged to the
 * ledger at the configured total multiplier z. The clip norm is checkpointed under {@code dp.clipNorm} (as a
 * float; the norm is a tuning value, and the noise always uses the norm actually in force).
 */
public final class DpFedAvgAdaptiveClipping extends DpFedAvgStrategy {
    static final String CLIP_STATE = "dp.clipNorm";
    private final AdaptiveClippingConfig adaptive;
    private final NoiseSource noise;
    private final double deltaNoiseMultiplier;
    private double clipNorm;

    public DpFedAvgAdaptiveClipping(Strategy inner, DpFedAvgConfig config, AdaptiveClippingConfig adaptive,
            NoiseSource noise) {
        super(inner, config);
        this.adaptive = Objects.requireNonNull(adaptive, "adaptive");
        this.noise = Objects.requireNonNull(noise, "noise");
        this.deltaNoiseMultiplier = AdaptiveClipping.deltaNoiseMultiplier(config.noiseMultiplier(),
                adaptive.countNoiseStd());
        this.clipNorm = config.clipNorm();
    }

    @Override
    public String name() {
        return "dp-adaptive-" + inner().name();
    }

    @Override
    public UpdateAccumulator newAccumulator(ModelLayout layout) {
        return new ClippedSum(layout.totalSize(), clipNorm);
    }

    /** The deltas' noise follows the clipping norm actually used for this round's sum. */
    @Override
    double sumNoiseStd(ClippedSum sum) {
        return deltaNoiseMultiplier * sum.clipNorm();
    }

    @Override
    NoiseSource noiseSource() {
        return noise;
    }

    /** Moves the clipping norm toward the target quantile, from the noised count of unclipped clients. */
    @Override
    void afterRelease(ClippedSum sum) {
        double used = sum.clipNorm();
        double fraction = AdaptiveClipping.noisedUnclippedFraction(sum.unclippedCount(), sum.count(),
                config().expectedCohortSize(), adaptive.countNoiseStd(), noise.nextGaussian());
        clipNorm = AdaptiveClipping.nextClipNorm(used, fraction, adaptive.targetQuantile(), adaptive.learningRate());
    }

    /** The noise multiplier applied to the deltas' sum (larger than z: part of the budget pays for the count). */
    public double deltaNoiseMultiplier() {
        return deltaNoiseMultiplier;
    }

    @Override
    public Map<String, float[]> state() {
        Map<String, float[]> out = new HashMap<>(inner().state());
        out.put(CLIP_STATE, new float[] {(float) clipNorm});
        return out;
    }

    @Override
    public void restoreState(Map<String, float[]> state) {
        Map<String, float[]> rest = new HashMap<>(state);
        float[] clip = rest.remove(CLIP_STATE);
        if (clip != null) {
            if (clip.length != 1) {
                throw new IllegalArgumentException(CLIP_STATE + " must hold 1 value, got " + clip.length);
            }
            L2Clipping.checkMaxNorm(clip[0]);
            clipNorm = clip[0];
        }
        inner().restoreState(rest);
    }

    @Override
    public double currentClipNorm() {
        return clipNorm;
    }
}
