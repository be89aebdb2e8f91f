package io.flotilla.crypto.secagg;

/**
 * Secure aggregation settings, validated on construction.
 *
 * <ul>
 *   <li>{@code cohortSize} n clients, indexed 0..n-1; {@code vectorLength} values per input.</li>
 *   <li>{@code neighbours}: 0 for the complete graph of the original protocol, or an even k &lt; n for SecAgg+,
 *       where each client masks with and shares to only k neighbours on a seeded random Harary graph.</li>
 *   <li>{@code threshold} t of the m share holders of each client (m = n, or k + 1 with SecAgg+) must answer in the
 *       unmasking stage; t &gt; m / 2 so that the server cannot obtain both kinds of shares of one client
 *       (the honest-but-curious guarantee of the paper), and t &lt;= m.</li>
 *   <li>Inputs are clipped to [-clipRange, clipRange], multiplied by the client's weight (its example count, at
 *       most {@code maxWeight}) and by {@code scale}, rounded, and summed in Z_2^32: n * maxWeight * clipRange *
 *       scale must stay below 2^31 so that the signed sum never wraps around.</li>
 *   <li>{@code clipWarnFraction}: a client reports a clipping warning when more than this share of its values was
 *       clipped, since a too-small range silently biases the sum.</li>
 * </ul>
 */
public record SecAggConfig(int cohortSize, int threshold, int neighbours, int vectorLength, double clipRange,
                           long maxWeight, double scale, double clipWarnFraction, long graphSeed) {
    static final long SUM_LIMIT = Integer.MAX_VALUE;
    /** The smallest group a session runs with: with 2, each member learns the other's input from the sum. */
    public static final int MIN_GROUP = 3;

    public SecAggConfig {
        if (cohortSize < 2) {
            throw new IllegalArgumentException("cohort size must be at least 2, got " + cohortSize);
        }
        if (neighbours < 0 || neighbours >= cohortSize || neighbours % 2 != 0) {
            throw new IllegalArgumentException("neighbours must be 0 (complete graph) or an even number below the"
                    + " cohort size " + cohortSize + ", got " + neighbours);
        }
        int m = neighbours == 0 ? cohortSize : neighbours + 1;
        if (threshold > m) {
            throw new IllegalArgumentException("threshold " + threshold + " exceeds the " + m
                    + " share holders per client");
        }
        if (2 * threshold <= m) {
            throw new IllegalArgumentException("threshold " + threshold + " must exceed half of the " + m
                    + " share holders per client (t > m/2), or the server could learn an individual input");
        }
        if (vectorLength < 1) {
            throw new IllegalArgumentException("vector length must be positive, got " + vectorLength);
        }
        if (!(clipRange > 0) || Double.isInfinite(clipRange) || maxWeight < 1 || !(scale > 0)
                || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("clip range " + clipRange + " and scale " + scale
                    + " must be positive and finite, max weight " + maxWeight + " at least 1");
        }
        double worst = (double) cohortSize * maxWeight * clipRange * scale;
        if (worst >= SUM_LIMIT) {
            throw new IllegalArgumentException("cohort size " + cohortSize + " x max weight " + maxWeight
                    + " x clip range " + clipRange + " x scale " + scale + " = " + worst
                    + " does not fit the signed 32-bit sum (limit " + SUM_LIMIT
                    + "): lower the scale or the range");
        }
        if ((double) cohortSize * maxWeight >= SUM_LIMIT) {
            throw new IllegalArgumentException("cohort size " + cohortSize + " x max weight " + maxWeight
                    + " does not fit the 32-bit weight sum");
        }
        if (!(clipWarnFraction >= 0 && clipWarnFraction <= 1)) {
            throw new IllegalArgumentException("clip warning fraction must be in [0, 1], got " + clipWarnFraction);
        }
    }

    /** A configuration with the largest power-of-two scale that cannot overflow: the finest quantisation. */
    public static SecAggConfig withFinestScale(int cohortSize, int threshold, int neighbours, int vectorLength,
                                               double clipRange, long maxWeight, double clipWarnFraction,
                                               long graphSeed) {
        double room = SUM_LIMIT / ((double) cohortSize * maxWeight * clipRange);
        double scale = Math.scalb(1.0, Math.getExponent(room));
        if (scale >= room) {
            scale /= 2;
        }
        return new SecAggConfig(cohortSize, threshold, neighbours, vectorLength, clipRange, maxWeight, scale,
                clipWarnFraction, graphSeed);
    }

    /**
     * The Shamir threshold of a session whose group, the clients that advertised keys in stage 0, has
     * {@code groupSize} members (Bonawitz et al. 2017 and Flower's SecAgg+ take it of the clients that commit, not of
     * those sampled). With the complete graph every member's share holders are exactly the group, so the threshold
     * is taken of the group: {@code max(floor(g/2) + 1, ceil(t * g / n))}, the configured fraction of the group
     * ({@code t / n}) and always more than half of it, which keeps the guarantee that the server cannot gather both a
     * member's self-mask shares and its mask-key shares (each holder reveals one kind per member). Computed from
     * the setup's {@code n} and {@code t} alone, so client and server agree without another message. With SecAgg+
     * neighbourhoods the holders are a member's {@code k + 1} graph neighbours and the threshold stays {@code t}.
     */
    public int groupThreshold(int groupSize) {
        if (neighbours != 0) {
            return threshold;
        }
        int proportional = (int) ((threshold * (long) groupSize + cohortSize - 1) / cohortSize);
        return Math.max(groupSize / 2 + 1, proportional);
    }

    /** Share holders per client, the client itself included. */
    public int holdersPerClient() {
        return neighbours == 0 ? cohortSize : neighbours + 1;
    }

    /** Largest error of one decoded coordinate of the weighted sum of {@code clients} inputs (rounding). */
    public double quantisationBound(int clients) {
        return clients * 0.5 / scale;
    }
}
