package io.flotilla.simulation.scenario;

/**
 * Injected faults ({@code faults.*}): dropouts, stragglers, slow links, and client crashes ({@code crash}: the
 * probability that a sampled client crashes during a round; {@code crashRounds}: how many following rounds it
 * stays down before it takes part again).
 */
public record FaultSettings(double dropout, double midtrainDropout, double stragglerSigma, double bandwidthMbps,
                            double latencyMs, double deviceExamplesPerSecond, double crash, int crashRounds) {
    public FaultSettings {
        Scenario.require(dropout >= 0 && dropout < 1, "faults.dropout", "must be in [0, 1)", dropout);
        Scenario.require(midtrainDropout >= 0 && midtrainDropout < 1, "faults.midtrain_dropout", "must be in [0, 1)",
                midtrainDropout);
        Scenario.require(stragglerSigma >= 0, "faults.straggler_sigma", "must be non-negative", stragglerSigma);
        Scenario.require(bandwidthMbps >= 0, "faults.bandwidth_mbps", "must be non-negative", bandwidthMbps);
        Scenario.require(latencyMs >= 0, "faults.latency_ms", "must be non-negative", latencyMs);
        Scenario.require(deviceExamplesPerSecond > 0, "faults.device_examples_per_second", "must be positive",
                deviceExamplesPerSecond);
        Scenario.require(crash >= 0 && crash < 1, "faults.crash", "must be in [0, 1)", crash);
        Scenario.require(crashRounds >= 0, "faults.crash_rounds", "must be non-negative", crashRounds);
    }

    /** Settings without crashes. */
    public FaultSettings(double dropout, double midtrainDropout, double stragglerSigma, double bandwidthMbps,
                         double latencyMs, double deviceExamplesPerSecond) {
        this(dropout, midtrainDropout, stragglerSigma, bandwidthMbps, latencyMs, deviceExamplesPerSecond, 0, 0);
    }
}
