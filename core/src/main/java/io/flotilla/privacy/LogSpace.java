package io.flotilla.privacy;

/**
 * Arithmetic on numbers kept as logarithms, so that sums of terms like {@code exp(700)} or {@code exp(-900)}
 * neither overflow nor underflow. Package-private helper of the accountant.
 */
final class LogSpace {
    private LogSpace() {
    }

    /** {@code log(exp(a) + exp(b))}; either argument may be {@code -Infinity} (the log of zero). */
    static double add(double a, double b) {
        double lo = Math.min(a, b);
        double hi = Math.max(a, b);
        if (lo == Double.NEGATIVE_INFINITY) {
            return hi;
        }
        return Math.log1p(Math.exp(lo - hi)) + hi;
    }

    /** {@code log(exp(a) - exp(b))} for {@code a >= b}; {@code -Infinity} when they are equal. */
    static double sub(double a, double b) {
        if (a < b) {
            throw new IllegalArgumentException("log-space subtraction would be negative: " + a + " < " + b);
        }
        if (b == Double.NEGATIVE_INFINITY) {
            return a;
        }
        if (a == b) {
            return Double.NEGATIVE_INFINITY;
        }
        return a + Math.log1p(-Math.exp(b - a));
    }
}
