package io.flotilla.privacy;

/**
 * The pure math of adaptive clipping (Andrew et al. 2021).
 *
 * <p>Each client reports {@code b_i = 1} when its delta's norm is at most the current clip C. The server releases
 * {@code b = (sum_i (b_i - 1/2) + N(0, sigma_b^2)) / m + 1/2}, clamped to [0, 1] (centring the bits halves the
 * sensitivity of the count to 1/2), and moves C geometrically towards the target quantile gamma:
 * {@code C <- C exp(-eta (b - gamma))}. Releasing the count costs privacy too: the deltas' sum (sensitivity C)
 * and the count (sensitivity 1/2) together form one Gaussian mechanism whose multiplier z satisfies
 * {@code z^-2 = z_delta^-2 + (2 sigma_b)^-2}, so for a total multiplier z the deltas get
 * {@code z_delta = (z^-2 - (2 sigma_b)^-2)^(-1/2)} and the accountant is charged z.
 */
public final class AdaptiveClipping {
    private AdaptiveClipping() {
    }

    /** {@code z_delta = (z^-2 - (2 sigma_b)^-2)^(-1/2)}; requires {@code sigma_b > 1 / (2 z)}. */
    public static double deltaNoiseMultiplier(double totalNoiseMultiplier, double countNoiseStd) {
        double z = totalNoiseMultiplier;
        double inv = 1 / (z * z) - 1 / (4 * countNoiseStd * countNoiseStd);
        if (!(inv > 0)) {
            throw new IllegalArgumentException("count noise std " + countNoiseStd + " must exceed 1/(2z) = "
                    + (1 / (2 * z)) + " for total noise multiplier " + z);
        }
        return 1 / Math.sqrt(inv);
    }

    /**
     * The released fraction of unclipped clients {@code b}, from {@code unclipped} of the deltas received,
     * {@code received} deltas in all, expected cohort {@code m}, and one standard normal sample.
     */
    public static double noisedUnclippedFraction(int unclipped, int received, int expectedCohortSize,
            double countNoiseStd, double standardNormal) {
        if (unclipped < 0 || unclipped > received) {
            throw new IllegalArgumentException("unclipped " + unclipped + " outside [0, " + received + "]");
        }
        double centred = unclipped - 0.5 * received + countNoiseStd * standardNormal;
        double b = centred / expectedCohortSize + 0.5;
        return Math.min(1.0, Math.max(0.0, b));
    }

    /** The geometric update {@code C exp(-eta (b - gamma))}. */
    public static double nextClipNorm(double clipNorm, double unclippedFraction, double targetQuantile,
            double learningRate) {
        return clipNorm * Math.exp(-learningRate * (unclippedFraction - targetQuantile));
    }
}
