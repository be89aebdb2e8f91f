package io.flotilla.privacy;

/**
 * Settings of client-level DP-FedAvg (McMahan et al. 2018).
 *
 * @param noiseMultiplier z: the noise on the sum of clipped deltas has standard deviation {@code z * clipNorm};
 *     with adaptive clipping, z is the total multiplier that the accountant sees (deltas and clipped count
 *     together)
 * @param clipNorm S: every client's delta is clipped to this L2 norm (the initial value under adaptive clipping)
 * @param expectedCohortSize m: the expected number of clients per round; the noised sum is divided by m (a
 *     fixed, data-independent denominator, so the mean costs no extra privacy)
 * @param population N: the number of clients the cohort is sampled from; q = m / N
 * @param delta the delta at which epsilon is reported, in (0, 1); usually below 1 / N
 * @param targetEpsilon the privacy budget; training stops before the round that would exceed it;
 *     {@code Double.POSITIVE_INFINITY} for no budget
 */
public record DpFedAvgConfig(double noiseMultiplier, double clipNorm, int expectedCohortSize, int population,
        double delta, double targetEpsilon) {

    public DpFedAvgConfig {
        if (!(noiseMultiplier > 0) || Double.isInfinite(noiseMultiplier)) {
            throw new IllegalArgumentException("noise multiplier must be finite and > 0, got " + noiseMultiplier);
        }
        L2Clipping.checkMaxNorm(clipNorm);
        if (expectedCohortSize < 1 || population < expectedCohortSize) {
            throw new IllegalArgumentException("need 1 <= expected cohort size <= population, got cohort "
                    + expectedCohortSize + " and population " + population);
        }
        if (!(delta > 0 && delta < 1)) {
            throw new IllegalArgumentException("delta must be in (0, 1), got " + delta);
        }
        if (!(targetEpsilon > 0)) {
            throw new IllegalArgumentException("target epsilon must be > 0 (or infinite for none), got "
                    + targetEpsilon);
        }
    }

    /** Settings without a privacy budget. */
    public static DpFedAvgConfig withoutBudget(double noiseMultiplier, double clipNorm, int expectedCohortSize,
            int population, double delta) {
        return new DpFedAvgConfig(noiseMultiplier, clipNorm, expectedCohortSize, population, delta,
                Double.POSITIVE_INFINITY);
    }

    /** The per-round sampling rate q = expected cohort / population. */
    public double samplingRate() {
        return (double) expectedCohortSize / population;
    }

    /** True when a finite target epsilon is set. */
    public boolean hasBudget() {
        return targetEpsilon != Double.POSITIVE_INFINITY;
    }
}
