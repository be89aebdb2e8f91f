package io.flotilla.privacy;

/**
 * Composes Poisson-subsampled Gaussian mechanisms in Renyi DP and reports (epsilon, delta) guarantees.
 *
 * <p>Holds one running RDP value per order; composing adds the mechanism's RDP curve (RDP composes additively),
 * so the result is exact for heterogeneous sequences (different sampling rates or noise per round). The last
 * computed single-step curve is cached, since a federation usually repeats the same (q, z) every round. Not
 * thread-safe: owned by one strategy or coordinator.
 */
public final class RdpAccountant {
    private final double[] orders;
    private final double[] rdp;
    private long steps;
    private double cachedQ = Double.NaN;
    private double cachedZ = Double.NaN;
    private double[] cachedCurve;

    /** An accountant over {@link RdpOrders#defaults()}. */
    public RdpAccountant() {
        this(RdpOrders.defaults());
    }

    /** An accountant over the given orders (each {@code > 1}); the array is copied. */
    public RdpAccountant(double[] orders) {
        this.orders = RdpOrders.validated(orders);
        this.rdp = new double[this.orders.length];
    }

    /** Adds {@code count} steps of the Poisson-subsampled Gaussian mechanism with rate {@code q}, multiplier {@code z}. */
    public RdpAccountant composePoissonGaussian(double q, double noiseMultiplier, long count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, got " + count);
        }
        double[] curve = singleStep(q, noiseMultiplier);
        if (count > 0) {
            for (int i = 0; i < rdp.length; i++) {
                rdp[i] += curve[i] * count;
            }
            steps += count;
        }
        return this;
    }

    /** Adds {@code count} steps of the Gaussian mechanism without sampling (q = 1). */
    public RdpAccountant composeGaussian(double noiseMultiplier, long count) {
        return composePoissonGaussian(1.0, noiseMultiplier, count);
    }

    /** The guarantee at {@code delta} for everything composed so far. */
    public PrivacySpent epsilon(double delta) {
        return RdpConversion.epsilon(orders, rdp, delta);
    }

    /** The guarantee at {@code epsilon} for everything composed so far. */
    public PrivacySpent delta(double epsilon) {
        return RdpConversion.delta(orders, rdp, epsilon);
    }

    /**
     * The guarantee at {@code delta} if {@code count} more steps with (q, z) were composed, without composing
     * them: what a budget check needs before it lets a round start.
     */
    public PrivacySpent epsilonIfComposed(double q, double noiseMultiplier, long count, double delta) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, got " + count);
        }
        double[] curve = singleStep(q, noiseMultiplier);
        double[] next = new double[rdp.length];
        for (int i = 0; i < rdp.length; i++) {
            next[i] = rdp[i] + curve[i] * count;
        }
        return RdpConversion.epsilon(orders, next, delta);
    }

    /** Number of steps composed. */
    public long steps() {
        return steps;
    }

    /** A copy of the orders. */
    public double[] orders() {
        return orders.clone();
    }

    /** A copy of the accumulated RDP, one value per order. */
    public double[] rdp() {
        return rdp.clone();
    }

    private double[] singleStep(double q, double z) {
        if (cachedCurve == null || Double.compare(q, cachedQ) != 0 || Double.compare(z, cachedZ) != 0) {
            double[] curve = new double[orders.length];
            for (int i = 0; i < orders.length; i++) {
                curve[i] = SampledGaussianRdp.rdp(q, z, orders[i]);
            }
            cachedCurve = curve;
            cachedQ = q;
            cachedZ = z;
        }
        return cachedCurve;
    }
}
