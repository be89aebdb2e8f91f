package io.flotilla.simulation.scenario;

import io.flotilla.wire.seal.SecAggSettings;
import java.time.Duration;

/**
 * Secure aggregation ({@code secagg.*}, used with {@code security = secagg}): the scenario spelling of the
 * coordinator's {@code flotilla.secagg.*} settings ({@link SecAggSettings}, docs/secure.md), with the stage
 * deadlines in seconds like {@code round_timeout_seconds}. Each key is checked here, naming the scenario key;
 * whether the cohort can be served (at least 3 members, no wrap-around with an explicit quantisation) is checked
 * by {@link Scenario}, which knows the cohort.
 */
public record SecAggScenarioSettings(double threshold, int neighbours, double clipRange, int quantisationBits,
                                     long maxWeight, double clipWarnFraction, double advertiseTimeoutSeconds,
                                     double shareTimeoutSeconds, double unmaskTimeoutSeconds) {

    public SecAggScenarioSettings {
        Scenario.require(threshold > 0.5 && threshold <= 1, "secagg.threshold",
                "must be in (0.5, 1] (at most half would let the coordinator learn an individual input)", threshold);
        Scenario.require(neighbours >= 0 && neighbours % 2 == 0, "secagg.neighbours",
                "must be 0 (complete graph) or an even number (SecAgg+)", neighbours);
        Scenario.require(clipRange > 0 && clipRange <= 1e9, "secagg.clip_range", "must be in (0, 1e9]", clipRange);
        Scenario.require(quantisationBits >= 0 && quantisationBits <= 30, "secagg.quantisation_bits",
                "must be in 0..30 (0: the finest scale that cannot wrap)", quantisationBits);
        Scenario.require(maxWeight >= 1 && maxWeight <= Integer.MAX_VALUE / 2, "secagg.max_weight",
                "must be in 1.." + Integer.MAX_VALUE / 2, maxWeight);
        Scenario.require(clipWarnFraction >= 0 && clipWarnFraction <= 1, "secagg.clip_warn_fraction",
                "must be in [0, 1]", clipWarnFraction);
        timeout("secagg.advertise_timeout_seconds", advertiseTimeoutSeconds);
        timeout("secagg.share_timeout_seconds", shareTimeoutSeconds);
        timeout("secagg.unmask_timeout_seconds", unmaskTimeoutSeconds);
    }

    private static void timeout(String key, double seconds) {
        Scenario.require(seconds >= 0.001 && seconds <= 86_400, key, "must be in [0.001, 86400] seconds", seconds);
    }

    /** The coordinator's settings these keys stand for. */
    public SecAggSettings toSettings() {
        return new SecAggSettings(threshold, neighbours, clipRange, quantisationBits, maxWeight, clipWarnFraction,
                millis(advertiseTimeoutSeconds), millis(shareTimeoutSeconds), millis(unmaskTimeoutSeconds));
    }

    /** The {@code flotilla.secagg} section for these keys (durations in milliseconds). */
    public java.util.Map<String, Object> coordinatorSection() {
        java.util.Map<String, Object> f = new java.util.LinkedHashMap<>();
        f.put("threshold", threshold);
        f.put("neighbours", neighbours);
        f.put("clip_range", clipRange);
        f.put("quantisation_bits", quantisationBits);
        f.put("max_weight", maxWeight);
        f.put("clip_warn_fraction", clipWarnFraction);
        f.put("advertise_timeout", millis(advertiseTimeoutSeconds).toMillis() + "ms");
        f.put("share_timeout", millis(shareTimeoutSeconds).toMillis() + "ms");
        f.put("unmask_timeout", millis(unmaskTimeoutSeconds).toMillis() + "ms");
        return f;
    }

    private static Duration millis(double seconds) {
        return Duration.ofMillis(Math.max(1, Math.round(seconds * 1000)));
    }
}
