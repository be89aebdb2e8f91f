package io.flotilla.coordinator;

/**
 * One composed release of a checkpointed privacy ledger: what the accountant needs to rebuild the ledger exactly
 * (the cumulative epsilon is recomputed, never trusted from disk).
 *
 * @param round the round of the release, from 1
 * @param samplingRate q of the subsampled Gaussian mechanism, in [0, 1]
 * @param noiseMultiplier z, finite and >= 0
 * @param steps how many times the mechanism ran in that round (1 for client-level DP-FedAvg, the local steps for
 *     example-level DP-SGD), >= 1
 */
public record LedgerEntry(int round, double samplingRate, double noiseMultiplier, int steps) {

    public LedgerEntry {
        if (round < 1) {
            throw new IllegalArgumentException("ledger round must be >= 1, got " + round);
        }
        if (!(samplingRate >= 0 && samplingRate <= 1)) {
            throw new IllegalArgumentException("ledger sampling rate must be in [0, 1], got " + samplingRate);
        }
        if (!(noiseMultiplier >= 0) || Double.isInfinite(noiseMultiplier)) {
            throw new IllegalArgumentException("ledger noise multiplier must be finite and >= 0, got "
                    + noiseMultiplier);
        }
        if (steps < 1) {
            throw new IllegalArgumentException("ledger steps must be >= 1, got " + steps);
        }
    }
}
