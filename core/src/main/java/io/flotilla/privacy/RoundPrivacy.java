package io.flotilla.privacy;

/**
 * What one released round cost and the running guarantee after it: one row of {@code rounds.csv}.
 *
 * @param round the round number
 * @param samplingRate q used for the round
 * @param noiseMultiplier the effective noise multiplier accounted for the round
 * @param epsilon cumulative epsilon after the round, at {@code delta}
 * @param delta the delta of the guarantee
 * @param order the optimal Renyi order of the cumulative guarantee
 */
public record RoundPrivacy(int round, double samplingRate, double noiseMultiplier, double epsilon, double delta,
        double order) {
    public RoundPrivacy {
        if (!(samplingRate >= 0 && samplingRate <= 1)) {
            throw new IllegalArgumentException("sampling rate must be in [0, 1], got " + samplingRate);
        }
        if (!(noiseMultiplier >= 0)) {
            throw new IllegalArgumentException("noise multiplier must be >= 0, got " + noiseMultiplier);
        }
    }
}
