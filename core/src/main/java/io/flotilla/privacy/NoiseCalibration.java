package io.flotilla.privacy;

/**
 * Finds the smallest noise multiplier that keeps {@code steps} compositions of the Poisson-subsampled Gaussian
 * mechanism within a target epsilon at a given delta.
 *
 * <p>Epsilon decreases monotonically in the noise multiplier, so bisection on {@code z} is safe: the upper
 * bracket doubles until it meets the target, then the interval is halved until its relative width is below
 * {@code 1e-6}. The returned multiplier is the upper end, so it always meets the target (never a hair above).
 */
public final class NoiseCalibration {
    private static final double RELATIVE_TOLERANCE = 1e-6;
    private static final double MAX_MULTIPLIER = 1e6;

    private NoiseCalibration() {
    }

    /** As {@link #noiseMultiplier(double, double, double, long, double[])} over the default orders. */
    public static double noiseMultiplier(double targetEpsilon, double delta, double q, long steps) {
        return noiseMultiplier(targetEpsilon, delta, q, steps, RdpOrders.defaults());
    }

    /**
     * The smallest noise multiplier (to relative precision 1e-6) whose epsilon at {@code delta} is at most
     * {@code targetEpsilon}.
     *
     * @throws IllegalArgumentException for bad arguments, or when even a multiplier of 1e6 misses the target
     */
    public static double noiseMultiplier(double targetEpsilon, double delta, double q, long steps, double[] orders) {
        if (!(targetEpsilon > 0) || Double.isInfinite(targetEpsilon)) {
            throw new IllegalArgumentException("target epsilon must be finite and > 0, got " + targetEpsilon);
        }
        if (!(delta > 0 && delta < 1)) {
            throw new IllegalArgumentException("delta must be in (0, 1), got " + delta);
        }
        if (!(q > 0 && q <= 1)) {
            throw new IllegalArgumentException("sampling rate q must be in (0, 1], got " + q);
        }
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be >= 1, got " + steps);
        }
        double[] checked = RdpOrders.validated(orders);
        double lo = 0.0;
        double hi = 1.0;
        while (epsilon(q, hi, steps, delta, checked) > targetEpsilon) {
            lo = hi;
            hi *= 2;
            if (hi > MAX_MULTIPLIER) {
                throw new IllegalArgumentException("no noise multiplier up to " + MAX_MULTIPLIER
                        + " reaches epsilon " + targetEpsilon + " at delta " + delta + " (q=" + q + ", steps="
                        + steps + ")");
            }
        }
        while (hi - lo > RELATIVE_TOLERANCE * hi) {
            double mid = 0.5 * (lo + hi);
            if (epsilon(q, mid, steps, delta, checked) > targetEpsilon) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return hi;
    }

    private static double epsilon(double q, double z, long steps, double delta, double[] orders) {
        return RdpConversion.epsilon(orders, SampledGaussianRdp.rdp(q, z, steps, orders), delta).epsilon();
    }
}
