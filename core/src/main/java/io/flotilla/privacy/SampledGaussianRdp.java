package io.flotilla.privacy;

/**
 * Renyi differential privacy of the Poisson-subsampled Gaussian mechanism (Mironov, Talwar and Zhang 2019,
 * "Renyi Differential Privacy of the Sampled Gaussian Mechanism"), for the add-or-remove-one neighbouring
 * relation: each record (client, or example) is included independently with probability {@code q}, the sum of
 * the included contributions (each of L2 norm at most {@code S}) gets Gaussian noise of standard deviation
 * {@code sigma * S}.
 *
 * <p>The RDP at order {@code alpha > 1} is {@code log(A_alpha) / (alpha - 1)} with
 * {@code A_alpha = E_{z ~ N(0, sigma^2)} [((1 - q) + q exp((2z - 1) / (2 sigma^2)))^alpha]}. For integer orders
 * {@code A_alpha} is the finite binomial sum (exact, Section 3.2 of the paper); for fractional orders it is the
 * convergent series of Section 3.3 with erfc-weighted terms, summed with their signs (the exact value; Opacus
 * and TensorFlow Privacy do the same; recent releases of Google's dp_accounting sum absolute values instead,
 * a slightly larger upper bound). All sums are in log space. Special cases: {@code q = 0} gives 0,
 * {@code q = 1} gives the Gaussian mechanism's {@code alpha / (2 sigma^2)}, {@code sigma = 0} or an infinite
 * order gives {@code +Infinity}. Where the fractional series would need more than 10,000 terms (large sigma with
 * q near 1/2), the result is the convexity bound between the neighbouring integer orders instead: an upper bound,
 * so the reported epsilon stays valid (dp_accounting reports such orders as infinite).
 *
 * <p>Values below about 1e-15 (tiny q with huge sigma) are dominated by rounding; they are negligible in any
 * epsilon.
 *
 * <p>RDP composes additively, so {@code T} identical steps cost {@code T} times one step.
 */
public final class SampledGaussianRdp {
    /** Fractional series: terms beyond this many are not summed (the order is then reported as infinite). */
    private static final int MAX_FRACTIONAL_TERMS = 10_000;
    private static final double SQRT2 = Math.sqrt(2.0);
    private static final double LOG_HALF = Math.log(0.5);

    private SampledGaussianRdp() {
    }

    /** RDP of {@code steps} compositions at each of {@code orders}, in a new array. */
    public static double[] rdp(double q, double noiseMultiplier, long steps, double[] orders) {
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be >= 0, got " + steps);
        }
        double[] out = new double[orders.length];
        for (int i = 0; i < orders.length; i++) {
            double one = rdp(q, noiseMultiplier, orders[i]);
            out[i] = steps == 0 ? 0.0 : one * steps;
        }
        return out;
    }

    /** RDP of one step at order {@code alpha > 1}. */
    public static double rdp(double q, double noiseMultiplier, double alpha) {
        validate(q, noiseMultiplier, alpha);
        if (q == 0) {
            return 0.0;
        }
        if (noiseMultiplier == 0 || alpha == Double.POSITIVE_INFINITY) {
            return Double.POSITIVE_INFINITY;
        }
        if (q == 1) {
            return alpha / (2 * noiseMultiplier * noiseMultiplier);
        }
        // A_alpha >= 1 in exact arithmetic; rounding can leave log A a hair below zero
        return Math.max(0.0, logA(q, noiseMultiplier, alpha) / (alpha - 1));
    }

    static void validate(double q, double noiseMultiplier, double alpha) {
        if (!(q >= 0 && q <= 1)) {
            throw new IllegalArgumentException("sampling rate q must be in [0, 1], got " + q);
        }
        if (!(noiseMultiplier >= 0) || Double.isInfinite(noiseMultiplier)) {
            throw new IllegalArgumentException("noise multiplier must be finite and >= 0, got " + noiseMultiplier);
        }
        if (!(alpha > 1)) {
            throw new IllegalArgumentException("Renyi order must be > 1, got " + alpha);
        }
    }

    /** {@code log A_alpha} for {@code 0 < q < 1}, {@code sigma > 0}, finite {@code alpha > 1}. */
    static double logA(double q, double sigma, double alpha) {
        if (alpha == Math.rint(alpha) && alpha <= Integer.MAX_VALUE) {
            return logAInteger(q, sigma, (int) alpha);
        }
        double series = logAFractional(q, sigma, alpha);
        if (series != Double.POSITIVE_INFINITY || alpha > Integer.MAX_VALUE - 1) {
            return series;
        }
        return logAInterpolated(q, sigma, alpha);
    }

    /**
     * Upper bound for fractional alpha when the series does not converge (it can need millions of terms for
     * large sigma and q near 1/2, where its terms decay only polynomially): {@code log A_alpha} is convex in
     * alpha (a log moment generating function) and {@code log A_1 = 0}, so it lies below the chord between the
     * neighbouring integer orders.
     */
    static double logAInterpolated(double q, double sigma, double alpha) {
        int lo = (int) Math.floor(alpha);
        double t = alpha - lo;
        double atLo = lo == 1 ? 0.0 : logAInteger(q, sigma, lo);
        double atHi = logAInteger(q, sigma, lo + 1);
        return (1 - t) * atLo + t * atHi;
    }

    /** Exact binomial expansion: {@code A = sum_i C(alpha, i) q^i (1-q)^(alpha-i) exp((i^2 - i) / (2 sigma^2))}. */
    static double logAInteger(double q, double sigma, int alpha) {
        double logQ = Math.log(q);
        double log1mQ = Math.log1p(-q);
        double twoSigma2 = 2 * sigma * sigma;
        double logA = Double.NEGATIVE_INFINITY;
        double logBinom = 0.0; // log C(alpha, 0)
        for (int i = 0; i <= alpha; i++) {
            if (i > 0) {
                logBinom += Math.log((double) (alpha - i + 1)) - Math.log(i);
            }
            double term = logBinom + i * logQ + (alpha - i) * log1mQ + ((double) i * i - i) / twoSigma2;
            logA = LogSpace.add(logA, term);
        }
        return logA;
    }

    /**
     * Series for fractional alpha (Mironov et al. 2019, Section 3.3): A = A0 + A1 where A0 integrates over
     * {@code z <= z0} and A1 over {@code z > z0}, {@code z0 = sigma^2 log(1/q - 1) + 1/2}; the i-th terms carry
     * the generalised binomial coefficient C(alpha, i), negative for some i, so each half is kept as a signed
     * log-magnitude. Stops once both terms are decreasing and 30 nats below the running total.
     */
    static double logAFractional(double q, double sigma, double alpha) {
        double logQ = Math.log(q);
        double log1mQ = Math.log1p(-q);
        double sigma2 = sigma * sigma;
        double z0 = sigma2 * Math.log(1 / q - 1) + 0.5;
        double denom = SQRT2 * sigma;
        // positive and negative parts of A (both halves together), in log space
        double logPos = Double.NEGATIVE_INFINITY;
        double logNeg = Double.NEGATIVE_INFINITY;
        double logAbsBinom = 0.0; // log |C(alpha, 0)|
        boolean binomPositive = true;
        double lastS0 = Double.NEGATIVE_INFINITY;
        double lastS1 = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < MAX_FRACTIONAL_TERMS; i++) {
            if (i > 0) {
                double factor = alpha - i + 1; // C(a, i) = C(a, i-1) * (a - i + 1) / i
                if (factor < 0) {
                    binomPositive = !binomPositive;
                }
                logAbsBinom += Math.log(Math.abs(factor)) - Math.log(i);
            }
            double j = alpha - i;
            double logT0 = logAbsBinom + i * logQ + j * log1mQ;
            double logT1 = logAbsBinom + j * logQ + i * log1mQ;
            double logE0 = LOG_HALF + SpecialFunctions.logErfc((i - z0) / denom);
            double logE1 = LOG_HALF + SpecialFunctions.logErfc((z0 - j) / denom);
            double logS0 = logT0 + ((double) i * i - i) / (2 * sigma2) + logE0;
            double logS1 = logT1 + (j * j - j) / (2 * sigma2) + logE1;
            double logS = LogSpace.add(logS0, logS1);
            if (binomPositive) {
                logPos = LogSpace.add(logPos, logS);
            } else {
                logNeg = LogSpace.add(logNeg, logS);
            }
            double total = LogSpace.add(logPos, logNeg);
            if (logS0 < lastS0 && logS1 < lastS1 && Math.max(logS0, logS1) < total - 30) {
                if (logNeg >= logPos) {
                    // cancellation beyond double precision: fall back to the absolute-value upper bound
                    return total;
                }
                return LogSpace.sub(logPos, logNeg);
            }
            lastS0 = logS0;
            lastS1 = logS1;
        }
        return Double.POSITIVE_INFINITY; // not converged: logA falls back to the convexity bound
    }
}
