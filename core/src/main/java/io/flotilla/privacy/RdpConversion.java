package io.flotilla.privacy;

/**
 * Converts Renyi DP curves to (epsilon, delta) guarantees with the conversion current libraries use
 * (Balle et al. 2020, "Hypothesis testing interpretations and Renyi differential privacy", Theorem 21;
 * Canonne, Kamath and Steinke 2020, Proposition 12):
 * {@code epsilon = rdp + log1p(-1/alpha) - (log(delta) + log(alpha)) / (alpha - 1)}, minimised over the orders,
 * tighter than Mironov's original {@code rdp + log(1/delta) / (alpha - 1)}. Like dp_accounting, orders at or
 * below 1.01 are skipped (the bound is numerically unstable there) and a KL-divergence bound short-circuits to
 * epsilon 0 when {@code delta^2 > 1 - exp(-rdp)}.
 */
public final class RdpConversion {
    private RdpConversion() {
    }

    /** The smallest epsilon at {@code delta} over the orders, with the order achieving it. */
    public static PrivacySpent epsilon(double[] orders, double[] rdp, double delta) {
        checkLengths(orders, rdp);
        if (!(delta > 0 && delta < 1)) {
            throw new IllegalArgumentException("delta must be in (0, 1), got " + delta);
        }
        double best = Double.POSITIVE_INFINITY;
        double bestOrder = Double.NaN;
        double logDelta = Math.log(delta);
        for (int i = 0; i < orders.length; i++) {
            double a = orders[i];
            double r = rdp[i];
            checkPoint(a, r);
            double eps;
            if (delta * delta + Math.expm1(-r) > 0) {
                eps = 0.0;
            } else if (a > 1.01 && a != Double.POSITIVE_INFINITY) {
                eps = r + Math.log1p(-1 / a) - (logDelta + Math.log(a)) / (a - 1);
            } else {
                eps = Double.POSITIVE_INFINITY;
            }
            if (Double.isNaN(bestOrder) || eps < best) {
                best = eps;
                bestOrder = a;
            }
        }
        return new PrivacySpent(Math.max(0.0, best), delta, bestOrder);
    }

    /** The smallest delta at {@code epsilon} over the orders, with the order achieving it. */
    public static PrivacySpent delta(double[] orders, double[] rdp, double epsilon) {
        checkLengths(orders, rdp);
        if (!(epsilon >= 0) || Double.isInfinite(epsilon)) {
            throw new IllegalArgumentException("epsilon must be finite and >= 0, got " + epsilon);
        }
        double bestLog = Double.POSITIVE_INFINITY;
        double bestOrder = Double.NaN;
        for (int i = 0; i < orders.length; i++) {
            double a = orders[i];
            double r = rdp[i];
            checkPoint(a, r);
            // KL-divergence bound delta <= sqrt(1 - exp(-rdp)), valid at every order
            double logDelta = r == 0 ? Double.NEGATIVE_INFINITY : 0.5 * Math.log1p(-Math.exp(-r));
            if (a > 1.01 && a != Double.POSITIVE_INFINITY) {
                double bound = (a - 1) * (r - epsilon + Math.log1p(-1 / a)) - Math.log(a);
                logDelta = Math.min(logDelta, bound);
            }
            if (logDelta < bestLog || Double.isNaN(bestOrder)) {
                bestLog = logDelta;
                bestOrder = a;
            }
        }
        return new PrivacySpent(epsilon, Math.min(Math.exp(bestLog), 1.0), bestOrder);
    }

    private static void checkLengths(double[] orders, double[] rdp) {
        if (orders.length != rdp.length) {
            throw new IllegalArgumentException(
                    "orders and rdp differ in length: " + orders.length + " orders, " + rdp.length + " rdp values");
        }
        if (orders.length == 0) {
            throw new IllegalArgumentException("at least one Renyi order is required");
        }
    }

    private static void checkPoint(double a, double r) {
        if (!(a > 1)) {
            throw new IllegalArgumentException("Renyi order must be > 1, got " + a);
        }
        if (!(r >= 0)) {
            throw new IllegalArgumentException("RDP must be >= 0, got " + r + " at order " + a);
        }
    }
}
