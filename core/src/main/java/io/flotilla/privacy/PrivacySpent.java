package io.flotilla.privacy;

/**
 * An (epsilon, delta) differential privacy guarantee and the Renyi order it was derived from.
 *
 * @param epsilon the privacy loss bound, {@code >= 0}, possibly {@code +Infinity}
 * @param delta the failure probability, in {@code [0, 1]}
 * @param order the optimal Renyi order ({@code NaN} when no order applies, e.g. nothing was composed)
 */
public record PrivacySpent(double epsilon, double delta, double order) {
    public PrivacySpent {
        if (!(epsilon >= 0)) {
            throw new IllegalArgumentException("epsilon must be >= 0, got " + epsilon);
        }
        if (!(delta >= 0 && delta <= 1)) {
            throw new IllegalArgumentException("delta must be in [0, 1], got " + delta);
        }
    }
}
