package io.flotilla.privacy;

/**
 * The complementary error function and its logarithm in double precision, accurate to a few units in the last
 * place over the whole real line, including arguments where {@code erfc} itself underflows (the accountant's
 * fractional-order series needs {@code log erfc(x)} for {@code x} in the hundreds).
 *
 * <p>Method: for {@code 0 <= x < 2.5}, the all-positive series
 * {@code erf(x) = 2/sqrt(pi) exp(-x^2) sum_n (2x^2)^n x / (1*3*...*(2n+1))} (no cancellation) and
 * {@code erfc = 1 - erf}, which loses at most a factor {@code 1/erfc(2.5) ~ 2.4e3} in relative accuracy; for
 * {@code x >= 2.5}, Laplace's continued fraction
 * {@code erfc(x) = exp(-x^2)/sqrt(pi) * 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + ...))))} evaluated by the modified
 * Lentz algorithm, which lets the logarithm be taken before the exponential; for {@code x < 0},
 * {@code erfc(x) = 2 - erfc(-x)}. Below 2.5, {@code log erfc(x) = log1p(-erf(x))}.
 */
public final class SpecialFunctions {
    private static final double SERIES_LIMIT = 2.5;
    private static final double TWO_OVER_SQRT_PI = 2.0 / Math.sqrt(Math.PI);
    private static final double HALF_LOG_PI = 0.5 * Math.log(Math.PI);
    private static final int MAX_TERMS = 10_000;

    private SpecialFunctions() {
    }

    /** The complementary error function {@code erfc(x) = 1 - erf(x)}; NaN for NaN. */
    public static double erfc(double x) {
        if (Double.isNaN(x)) {
            return Double.NaN;
        }
        if (x < 0) {
            return 2.0 - erfc(-x);
        }
        if (x < SERIES_LIMIT) {
            return 1.0 - erfSeries(x);
        }
        if (x == Double.POSITIVE_INFINITY) {
            return 0.0;
        }
        return Math.exp(logErfcContinuedFraction(x));
    }

    /** The error function {@code erf(x)}. */
    public static double erf(double x) {
        if (Double.isNaN(x)) {
            return Double.NaN;
        }
        if (x < 0) {
            return -erf(-x);
        }
        if (x < SERIES_LIMIT) {
            return erfSeries(x);
        }
        return 1.0 - erfc(x);
    }

    /**
     * {@code log(erfc(x))}, finite for every finite {@code x} (about {@code -x^2} for large {@code x}, where
     * {@code erfc} underflows); {@code -Infinity} for {@code +Infinity}, {@code log 2} for {@code -Infinity}.
     */
    public static double logErfc(double x) {
        if (Double.isNaN(x)) {
            return Double.NaN;
        }
        if (x == Double.POSITIVE_INFINITY) {
            return Double.NEGATIVE_INFINITY;
        }
        if (x < SERIES_LIMIT) {
            // log1p keeps full relative accuracy near x = 0, where erfc is close to 1
            return Math.log1p(-erf(x));
        }
        return logErfcContinuedFraction(x);
    }

    /** erf by the positive series; for {@code 0 <= x < SERIES_LIMIT}. */
    private static double erfSeries(double x) {
        double twoX2 = 2.0 * x * x;
        double term = x;
        double sum = x;
        for (int n = 1; n < MAX_TERMS; n++) {
            term *= twoX2 / (2 * n + 1);
            sum += term;
            if (term < 1e-17 * sum) {
                break;
            }
        }
        return TWO_OVER_SQRT_PI * Math.exp(-x * x) * sum;
    }

    /** log erfc(x) from the continued fraction; for {@code x >= SERIES_LIMIT}. */
    private static double logErfcContinuedFraction(double x) {
        final double tiny = 1e-300;
        double f = x;
        double c = f;
        double d = 0;
        for (int n = 1; n < MAX_TERMS; n++) {
            double a = 0.5 * n;
            d = x + a * d;
            if (Math.abs(d) < tiny) {
                d = tiny;
            }
            d = 1.0 / d;
            c = x + a / c;
            if (Math.abs(c) < tiny) {
                c = tiny;
            }
            double delta = c * d;
            f *= delta;
            if (Math.abs(delta - 1.0) < 1e-16) {
                break;
            }
        }
        // erfc(x) = exp(-x^2) / sqrt(pi) / f
        return -x * x - HALF_LOG_PI - Math.log(f);
    }
}
