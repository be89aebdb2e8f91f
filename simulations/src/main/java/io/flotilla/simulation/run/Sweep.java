package io.flotilla.simulation.run;

import io.flotilla.simulation.report.Json;
import io.flotilla.simulation.report.RunDirectory;
import io.flotilla.simulation.report.RunResult;
import io.flotilla.simulation.scenario.Scenario;
import io.flotilla.simulation.scenario.ScenarioException;
import io.flotilla.simulation.scenario.ScenarioLoader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A grid over one key ({@code --sweep key=v1,v2,...}): one run directory per value under the sweep's folder, then
 * a comparison table ({@code sweep.json}, {@code sweep.csv}) and one {@code report.html} overlaying every run.
 */
public final class Sweep {
    private static final List<String> COLUMNS = List.of("final_accuracy", "best_accuracy", "final_loss",
            "rounds_completed", "bytes_up", "bytes_down", "params_nonzero", "wall_seconds");

    private Sweep() {
    }

    public static List<RunResult> run(Path scenario, List<String> overrides, String sweep, Path dir, PrintStream out,
                                      boolean progressBar) throws IOException, InterruptedException {
        return run(scenario, overrides, sweep, dir, out, progressBar, 0);
    }

    /** As above, each run on {@code nodes} client-host JVMs when {@code nodes > 0}. */
    public static List<RunResult> run(Path scenario, List<String> overrides, String sweep, Path dir, PrintStream out,
                                      boolean progressBar, int nodes) throws IOException, InterruptedException {
        int eq = sweep.indexOf('=');
        if (eq <= 0 || eq == sweep.length() - 1) {
            throw new ScenarioException("--sweep takes key=v1,v2,..., got '" + sweep + "'");
        }
        String key = sweep.substring(0, eq).trim();
        String[] values = sweep.substring(eq + 1).split(",");
        List<Scenario> scenarios = new ArrayList<>();
        for (String v : values) {
            List<String> o = new ArrayList<>(overrides);
            o.add(key + "=" + v.trim());
            scenarios.add(ScenarioLoader.load(scenario, o));
        }
        List<RunResult> runs = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            String label = key + "=" + values[i].trim();
            out.println("== " + label);
            runs.add(SimulationRun.execute(scenarios.get(i), label, dir.resolve(label.replace('/', '_')), out,
                    progressBar, nodes));
        }
        try (RunDirectory combined = RunDirectory.create(dir, ScenarioLoader.render(scenarios.get(0).config()))) {
            combined.writeAtomically("sweep.csv", table(key, runs));
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("sweep", key);
            List<Object> rows = new ArrayList<>();
            for (RunResult r : runs) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("label", r.label());
                for (String c : COLUMNS) {
                    row.put(c, r.summary().get(c));
                }
                rows.add(row);
            }
            json.put("runs", rows);
            combined.writeAtomically("sweep.json", Json.write(json) + "\n");
            combined.writeReport("Flotilla sweep over " + key, runs, null);
        }
        out.print(table(key, runs));
        return runs;
    }

    static String table(String key, List<RunResult> runs) {
        StringBuilder sb = new StringBuilder(key);
        for (String c : COLUMNS) {
            sb.append(',').append(c);
        }
        sb.append('\n');
        for (RunResult r : runs) {
            sb.append(r.label().substring(r.label().indexOf('=') + 1));
            for (String c : COLUMNS) {
                Object v = r.summary().get(c);
                sb.append(',').append(v == null ? "" : v);
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
