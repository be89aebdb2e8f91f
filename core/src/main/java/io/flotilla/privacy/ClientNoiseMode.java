package io.flotilla.privacy;

/** Where client-side DP noise is calibrated to: the cohort's sum, or each client's own delta. */
public enum ClientNoiseMode {
    /**
     * Distributed noise: each of the m expected clients adds {@code N(0, (z S)^2 / m)} to its clipped delta, so
     * the sum of m deltas carries {@code N(0, (z S)^2)}, as with server-side noise, but the coordinator (behind
     * secure aggregation) never sees an un-noised sum. Protects against the coordinator only together with
     * secure aggregation; individual deltas are only weakly noised.
     */
    DISTRIBUTED,
    /**
     * Local DP: each client adds the full {@code N(0, (z S)^2)} to its clipped delta, so every delta it sends is
     * a Gaussian mechanism by itself, private even from a curious coordinator without secure aggregation. The
     * coordinator knows who took part, so there is no amplification by sampling: each participation costs the
     * Gaussian mechanism with q = 1. Costs m times more noise variance in the mean than distributed noise.
     */
    LOCAL
}
