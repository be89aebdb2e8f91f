package io.flotilla.simulation.report;

import java.util.List;
import java.util.Map;

/**
 * One finished run as reports see it.
 *
 * @param label the run's name in charts and tables (the sweep value, or "run")
 * @param rounds per-round records in round order
 * @param summary the figures written to {@code summary.json}, by key
 */
public record RunResult(String label, List<RoundRecord> rounds, Map<String, Object> summary) {
    public RunResult {
        rounds = List.copyOf(rounds);
        summary = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(summary));
    }
}
