package io.flotilla.coordinator;

import io.flotilla.node.ConfigReader;

/**
 * The coordinator's default sanity bounds on every client update ({@code flotilla.updates}), on whatever the
 * strategy: a client's example count is its update's weight in the mean and its delta moves the model, so both are
 * bounded before an update counts. Independent of the optional norm-bounding defence ({@code strategy.norm_bound}),
 * which clips rather than refuses and is tuned to the honest clients' norms; these bounds are loose enough never to
 * refuse an honest update and only stop updates that would wreck the model in one round (docs/rounds.md).
 *
 * @param maxExamples the most examples a client may register with and weight one update by, >= 1
 * @param maxNormRatio an update's delta may have an L2 norm of at most {@code maxNormRatio * max(||w||_2, normFloor)}
 *     where {@code w} is the round's global model; 0 turns the norm bound off
 * @param normFloor the global norm used when the model's is smaller (a model initialised at or near zero), > 0
 */
public record UpdateBounds(int maxExamples, double maxNormRatio, double normFloor) {

    /** Default of {@code flotilla.updates.max_examples}. */
    public static final int DEFAULT_MAX_EXAMPLES = 1_000_000;
    /** Default of {@code flotilla.updates.max_norm_ratio}. */
    public static final double DEFAULT_MAX_NORM_RATIO = 10.0;
    /** Default of {@code flotilla.updates.norm_floor}. */
    public static final double DEFAULT_NORM_FLOOR = 1.0;

    public UpdateBounds {
        if (maxExamples < 1) {
            throw new IllegalArgumentException("flotilla.updates.max_examples must be >= 1, got " + maxExamples);
        }
        if (!(maxNormRatio >= 0) || Double.isInfinite(maxNormRatio)) {
            throw new IllegalArgumentException("flotilla.updates.max_norm_ratio must be finite and >= 0 (0 = off), got "
                    + maxNormRatio);
        }
        if (!(normFloor > 0) || Double.isInfinite(normFloor)) {
            throw new IllegalArgumentException("flotilla.updates.norm_floor must be finite and > 0, got " + normFloor);
        }
    }

    /** The defaults of {@code reference.conf}. */
    public static UpdateBounds defaults() {
        return new UpdateBounds(DEFAULT_MAX_EXAMPLES, DEFAULT_MAX_NORM_RATIO, DEFAULT_NORM_FLOOR);
    }

    /** Reads {@code updates.*} under {@code r}'s prefix. */
    static UpdateBounds from(ConfigReader r) {
        return new UpdateBounds(r.intAtLeast("updates.max_examples", 1),
                r.doubleIn("updates.max_norm_ratio", 0, true, Double.MAX_VALUE),
                r.doubleIn("updates.norm_floor", 0, false, Double.MAX_VALUE));
    }

    /** True when the norm bound is on. */
    public boolean boundsNorm() {
        return maxNormRatio > 0;
    }

    /**
     * The largest L2 norm a delta against a global model of norm {@code globalNorm} may have: infinite when the bound
     * is off, and infinite too for a global model whose norm is not finite (nothing relative to it is meaningful, and
     * the coordinator never publishes such a model).
     */
    public double maxDeltaNorm(double globalNorm) {
        return maxDeltaNorm(globalNorm, 0);
    }

    /**
     * {@link #maxDeltaNorm(double)} for clients that clip their deltas and add Gaussian noise themselves (client-side
     * DP): an honest delta's norm is then at most {@code honestClientNorm} (its clipping norm plus its noise's
     * expected norm, which the noise concentrates tightly around), so the bound is never below twice that, however
     * small the model.
     */
    public double maxDeltaNorm(double globalNorm, double honestClientNorm) {
        if (!boundsNorm() || !Double.isFinite(globalNorm)) {
            return Double.POSITIVE_INFINITY;
        }
        return Math.max(maxNormRatio * Math.max(globalNorm, normFloor), 2 * honestClientNorm);
    }
}
