package io.flotilla.wire.seal;

import io.flotilla.crypto.secagg.SecAggConfig;
import io.flotilla.wire.protocol.SecAggChecks;
import java.time.Duration;

/**
 * The coordinator's secure aggregation settings ({@code flotilla.secagg.*}), from which each round's
 * {@link SecAggConfig} is derived for the round's cohort size. Validated on construction; {@link #configFor}
 * refuses a cohort the settings cannot serve with a message naming the keys.
 *
 * @param thresholdFraction t as a share of each client's share holders, in (0.5, 1]
 * @param neighbours 0 for the complete graph, else the even SecAgg+ neighbour count
 * @param clipRange values are clipped to [-clipRange, clipRange]
 * @param quantisationBits the scale is 2^bits; 0 picks the finest scale that cannot wrap
 * @param maxWeight largest weight one client puts in
 * @param clipWarnFraction clients warn when more than this share of values was clipped
 * @param advertiseTimeout deadline of stage 2 (masked inputs; stage 0, keys sent once trained, ends at the round deadline)
 * @param shareTimeout deadline of stage 1 (shares)
 * @param unmaskTimeout deadline of stage 3 (unmasking)
 */
public record SecAggSettings(double thresholdFraction, int neighbours, double clipRange, int quantisationBits,
                             long maxWeight, double clipWarnFraction, Duration advertiseTimeout,
                             Duration shareTimeout, Duration unmaskTimeout) {

    /** The defaults of {@code reference.conf}. */
    public static final SecAggSettings DEFAULTS = new SecAggSettings(0.67, 0, 1.0, 0, 65536, 0.01,
            Duration.ofSeconds(60), Duration.ofSeconds(60), Duration.ofSeconds(60));

    public SecAggSettings {
        if (!(thresholdFraction > 0.5 && thresholdFraction <= 1)) {
            throw new IllegalArgumentException("flotilla.secagg.threshold must be in (0.5, 1], got "
                    + thresholdFraction + " (at most half would let the coordinator learn an individual input)");
        }
        if (neighbours < 0 || neighbours % 2 != 0) {
            throw new IllegalArgumentException("flotilla.secagg.neighbours must be 0 or an even number, got "
                    + neighbours);
        }
        if (!(clipRange > 0) || Double.isInfinite(clipRange)) {
            throw new IllegalArgumentException("flotilla.secagg.clip_range must be positive and finite, got "
                    + clipRange);
        }
        if (quantisationBits < 0 || quantisationBits > 30) {
            throw new IllegalArgumentException("flotilla.secagg.quantisation_bits must be in 0..30 (0: auto), got "
                    + quantisationBits);
        }
        if (maxWeight < 1 || maxWeight > Integer.MAX_VALUE / 2) {
            throw new IllegalArgumentException("flotilla.secagg.max_weight must be in 1.." + Integer.MAX_VALUE / 2
                    + ", got " + maxWeight);
        }
        if (!(clipWarnFraction >= 0 && clipWarnFraction <= 1)) {
            throw new IllegalArgumentException("flotilla.secagg.clip_warn_fraction must be in [0, 1], got "
                    + clipWarnFraction);
        }
        for (Duration d : new Duration[] {advertiseTimeout, shareTimeout, unmaskTimeout}) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("flotilla.secagg stage timeouts must be positive, got " + d);
            }
        }
    }

    /** Share holders per client in a cohort of {@code n}: n, or neighbours + 1 with SecAgg+. */
    public int holders(int n) {
        return graphNeighbours(n) == 0 ? n : neighbours + 1;
    }

    /** The threshold t in a cohort of {@code n}. */
    public int threshold(int n) {
        int m = holders(n);
        return Math.min(m, Math.max(m / 2 + 1, (int) Math.ceil(thresholdFraction * m - 1e-9)));
    }

    /** The neighbour count used with a cohort of {@code n}: 0 (complete graph) when k + 1 >= n. */
    public int graphNeighbours(int n) {
        return neighbours == 0 || neighbours >= n - 1 ? 0 : neighbours;
    }

    /**
     * The session configuration for a cohort of {@code n} clients and vectors of {@code vectorLength} values.
     *
     * @throws IllegalArgumentException when the cohort is too small (below 3) or too large for the message
     *     sizes, or an explicit quantisation would let {@code n x max_weight x clip_range x 2^bits} wrap
     */
    public SecAggConfig configFor(int n, int vectorLength, long session) {
        if (n < 3) {
            throw new IllegalArgumentException("security = secagg needs cohorts of at least 3 clients, got " + n
                    + " (with 2, each learns the other's input from the sum)");
        }
        if (n > SecAggChecks.MAX_COHORT) {
            throw new IllegalArgumentException("security = secagg supports cohorts of at most "
                    + SecAggChecks.MAX_COHORT + " clients, got " + n);
        }
        int k = graphNeighbours(n);
        int t = threshold(n);
        if (quantisationBits == 0) {
            return SecAggConfig.withFinestScale(n, t, k, vectorLength, clipRange, maxWeight, clipWarnFraction,
                    session);
        }
        double scale = Math.scalb(1.0, quantisationBits);
        double worst = (double) n * maxWeight * clipRange * scale;
        if (worst >= Integer.MAX_VALUE) {
            throw new IllegalArgumentException("flotilla.secagg: cohort " + n + " x max_weight " + maxWeight
                    + " x clip_range " + clipRange + " x 2^quantisation_bits (" + quantisationBits + ") = " + worst
                    + " does not fit the signed 32-bit sum (limit " + Integer.MAX_VALUE + "): the sum would wrap;"
                    + " lower quantisation_bits, max_weight or clip_range (or 0 bits for auto)");
        }
        return new SecAggConfig(n, t, k, vectorLength, clipRange, maxWeight, scale, clipWarnFraction, session);
    }
}
