package io.flotilla.simulation.run;

import io.flotilla.coordinator.FederatedEvaluation;
import io.flotilla.coordinator.RoundMetrics;
import io.flotilla.coordinator.RoundStatus;
import io.flotilla.model.ParameterSet;
import io.flotilla.model.Safetensors;
import io.flotilla.model.TensorKind;
import io.flotilla.simulation.InJvmSimulation;
import io.flotilla.simulation.Scenarios;
import io.flotilla.simulation.SimulationData;
import io.flotilla.simulation.faults.FaultPlan;
import io.flotilla.simulation.multinode.MultiNodeSimulation;
import io.flotilla.simulation.report.ProgressReporter;
import io.flotilla.simulation.report.RoundRecord;
import io.flotilla.simulation.report.RunDirectory;
import io.flotilla.simulation.report.RunResult;
import io.flotilla.simulation.scenario.Scenario;
import io.flotilla.simulation.scenario.ScenarioLoader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * One simulation run from scenario to run directory: loads and splits the data, runs the federation, and writes
 * the resolved configuration, {@code rounds.csv}, {@code summary.json}, the final model in safetensors and
 * {@code report.html}.
 */
public final class SimulationRun {
    private SimulationRun() {
    }

    /**
     * Runs {@code s} into {@code dir}, printing progress to {@code out}.
     *
     * @return the run as reports see it
     */
    public static RunResult execute(Scenario s, String label, Path dir, PrintStream out, boolean progressBar)
            throws IOException, InterruptedException {
        return execute(s, label, dir, out, progressBar, 0);
    }

    /**
     * As above; with {@code nodes > 0} the federation runs as a coordinator JVM plus {@code nodes} client-host JVMs
     * ({@link MultiNodeSimulation}), each child JVM with the heap of the system property {@code flotilla.node.heap}
     * (default {@code 1g}).
     */
    public static RunResult execute(Scenario s, String label, Path dir, PrintStream out, boolean progressBar,
                                    int nodes) throws IOException, InterruptedException {
        long start = System.nanoTime();
        FaultPlan faults = Scenarios.faultPlan(s);
        boolean[] flippers = new boolean[s.clients()];
        if (s.attacks().kind().equals("label_flip")) {
            for (int c = 0; c < flippers.length; c++) {
                flippers[c] = faults.isMalicious(c);
            }
        }
        SimulationData data = SimulationData.load(s, flippers);
        out.println("data: " + data.source());
        out.printf("federation: %d clients (%s), cohort %d, %d rounds, model %s, strategy %s, security %s, seed %d%n",
                s.clients(), data.partition().description(), s.cohortSize(), s.rounds(), s.model(),
                s.strategy().kind(), s.security(), s.seed());
        if (nodes > 0) {
            out.printf("nodes: a coordinator JVM and %d client-host JVMs over mutual TLS; their logs in %s%n", nodes,
                    dir.resolve("nodes").toAbsolutePath());
        }
        try (RunDirectory run = RunDirectory.create(dir, ScenarioLoader.render(s.config()))) {
            run.writeAtomically("partition.txt", data.partition().summary(data.train()));
            ProgressReporter bar = progressBar ? new ProgressReporter("simulate", s.rounds()) : null;
            ParameterSet fin;
            RoundMetrics[] stopped = new RoundMetrics[1];
            double[] exampleEpsilon = {Double.NaN};
            try {
                fin = federation(s, data, dir, nodes, m -> {
                    if (m.status() == RoundStatus.STOPPED) {
                        stopped[0] = m;
                        out.printf("stopped before round %d: %s (epsilon spent %.4f)%n", m.round(), m.closedBy().key(),
                                m.epsilon());
                        return;
                    }
                    exampleEpsilon[0] = m.exampleEpsilon();
                    RoundRecord rec = record(m);
                    try {
                        run.append(rec);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    if (bar != null) {
                        bar.round(rec);
                    } else {
                        out.printf("round %d/%d %s: accuracy %.4f loss %.4f participants %d dropped %d rejected %d"
                                        + " (%.1f s)%n", m.round(), s.rounds(), m.status().key(), m.accuracy(), m.loss(),
                                rec.participants(), rec.dropped(), rec.rejected(), m.wallSeconds());
                    }
                });
            } finally {
                if (bar != null) {
                    bar.close();
                }
            }
            Safetensors.write(fin, Map.of("flotilla.model", s.model(), "flotilla.seed", Long.toString(s.seed())),
                    dir.resolve("model.safetensors"));
            List<RoundRecord> records = run.records();
            Map<String, Object> summary = summary(s, records, fin, (System.nanoTime() - start) / 1e9);
            summary.put("stop_reason", stopped[0] == null ? "rounds-completed" : stopped[0].closedBy().key());
            if (s.privacy().dpSgd()) {
                // Record-level (example) guarantee of the worst client, next to the client-level epsilon.
                summary.put("example_epsilon", exampleEpsilon[0]);
                summary.put("dpsgd_noise_multiplier", s.privacy().dpSgdNoiseMultiplier());
                summary.put("dpsgd_clipping_norm", s.privacy().dpSgdClipNorm());
            }
            summary.put("mode", nodes > 0 ? "multi-node" : "in-jvm");
            summary.put("nodes", nodes);
            run.writeSummary(summary);
            RunResult result = new RunResult(label, records, summary);
            run.writeReport("Flotilla simulation: " + label, List.of(result), ScenarioLoader.render(s.config()));
            out.printf("done: final accuracy %.4f, best %.4f, %d rounds in %.1f s; results in %s%n",
                    (double) summary.get("final_accuracy"), (double) summary.get("best_accuracy"), records.size(),
                    (double) summary.get("wall_seconds"), dir.toAbsolutePath());
            return result;
        }
    }

    private static ParameterSet federation(Scenario s, SimulationData data, Path dir, int nodes,
                                           Consumer<RoundMetrics> onRound) throws IOException, InterruptedException {
        return nodes > 0 ? MultiNodeSimulation.run(s, nodes, System.getProperty("flotilla.node.heap", "1g"), dir,
                onRound) : InJvmSimulation.run(s, data, dir, onRound);
    }

    static RoundRecord record(RoundMetrics m) {
        int outside = 0;
        for (int v : m.rejectedOutsideRound().values()) {
            outside += v;
        }
        int dropped = Math.max(0, m.cohort() - m.participants() - m.rejectedTotal());
        FederatedEvaluation f = m.federatedEvaluation();
        double nan = Double.NaN;
        return new RoundRecord(m.round(), m.accuracy(), m.loss(), m.participants(), dropped,
                m.rejectedTotal() + outside, m.bytesUp(), m.bytesDown(), m.paramsNonzero(), m.epsilon(),
                m.wallSeconds(), f == null ? nan : f.accuracy(), f == null ? nan : f.loss(),
                f == null ? nan : f.accuracyMin(), f == null ? nan : f.accuracyMedian(),
                f == null ? nan : f.accuracyMax(), f == null ? 0 : f.clients(), m.status().key(), m.attempt());
    }

    static Map<String, Object> summary(Scenario s, List<RoundRecord> records, ParameterSet fin, double wallSeconds) {
        Map<String, Object> m = new LinkedHashMap<>();
        // Abandoned attempts keep the model and carry no evaluation: the final figures are the last completed round's.
        RoundRecord last = null;
        double best = Double.NaN;
        long up = 0;
        long down = 0;
        int completed = 0;
        int abandoned = 0;
        for (RoundRecord r : records) {
            if (r.completed()) {
                last = r;
            } else {
                abandoned++;
            }
            if (!Double.isNaN(r.accuracy()) && (Double.isNaN(best) || r.accuracy() > best)) {
                best = r.accuracy();
            }
            up += r.bytesUp();
            down += r.bytesDown();
            completed += r.completed() ? 1 : 0;
        }
        m.put("rounds_completed", completed);
        m.put("rounds_abandoned", abandoned);
        m.put("final_accuracy", last == null ? Double.NaN : last.accuracy());
        m.put("best_accuracy", best);
        m.put("final_loss", last == null ? Double.NaN : last.loss());
        federatedSummary(m, records);
        m.put("bytes_up", up);
        m.put("bytes_down", down);
        m.put("params_total", (long) fin.size());
        m.put("params_nonzero", fin.countNonZero());
        m.put("weights_nonzero", fin.countNonZero(TensorKind.WEIGHT));
        m.put("weights_total", fin.layout().count(TensorKind.WEIGHT));
        m.put("weight_sparsity", sparsity(fin));
        var p = s.privacy();
        if (p.enabled()) {
            m.put("epsilon", last == null ? 0.0 : last.epsilon());
            m.put("delta", p.delta());
            m.put("noise_multiplier", p.noiseMultiplier());
            m.put("clipping_norm", p.clippingNorm());
            m.put("sampling", p.sampling());
            m.put("sampling_rate", (double) s.cohortSize() / s.clients());
        }
        m.put("clients", s.clients());
        // The configured value (a fraction, or a count above 1) beside what it resolves to, so a reader of
        // "cohort": 1.0 is not left to guess whether that is one client or all of them.
        m.put("cohort", s.cohort());
        m.put("cohort_size", s.cohortSize());
        m.put("seed", s.seed());
        m.put("wall_seconds", wallSeconds);
        Map<String, Object> keys = new TreeMap<>();
        s.config().entrySet().forEach(e -> keys.put(e.getKey(), e.getValue().unwrapped()));
        m.put("scenario", keys);
        return m;
    }

    /**
     * The federated evaluation's figures, next to the centralised ones, when any round had one: the last evaluated
     * round's weighted accuracy and loss and its spread across clients (the fairness view), and the best weighted
     * accuracy.
     */
    private static void federatedSummary(Map<String, Object> m, List<RoundRecord> records) {
        RoundRecord last = null;
        double best = Double.NaN;
        int evaluated = 0;
        for (RoundRecord r : records) {
            if (r.federated()) {
                last = r;
                evaluated++;
                if (Double.isNaN(best) || r.federatedAccuracy() > best) {
                    best = r.federatedAccuracy();
                }
            }
        }
        if (last == null) {
            return;
        }
        m.put("federated_evaluations", evaluated);
        m.put("final_federated_accuracy", last.federatedAccuracy());
        m.put("best_federated_accuracy", best);
        m.put("final_federated_loss", last.federatedLoss());
        m.put("final_federated_accuracy_min", last.federatedAccuracyMin());
        m.put("final_federated_accuracy_median", last.federatedAccuracyMedian());
        m.put("final_federated_accuracy_max", last.federatedAccuracyMax());
        m.put("final_federated_clients", last.federatedClients());
    }

    private static double sparsity(ParameterSet p) {
        long total = p.layout().count(TensorKind.WEIGHT);
        return total == 0 ? 0.0 : 1.0 - (double) p.countNonZero(TensorKind.WEIGHT) / total;
    }
}
