package io.flotilla.cli;

import io.flotilla.simulation.run.SimulationRun;
import io.flotilla.simulation.run.Sweep;
import io.flotilla.simulation.scenario.Scenario;
import io.flotilla.simulation.scenario.ScenarioException;
import io.flotilla.simulation.scenario.ScenarioLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code flotilla simulate}: runs a federation of virtual clients in this JVM and writes a run directory. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Simulate a federation: the coordinator and client actors of a deployment, many virtual"
                + " clients in one JVM.",
            "With no options runs simulations/scenarios/default.conf: 20 clients, FedAvg, lenet on Fashion-MNIST"
                + " split by Dirichlet(0.5)."})
public final class SimulateCommand implements Callable<Integer> {

    @Option(names = "--scenario", paramLabel = "FILE", description = "HOCON scenario file (default: the shipped"
            + " default scenario).")
    Path scenario;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override one scenario key; repeatable.")
    List<String> sets = new ArrayList<>();

    @Option(names = "--sweep", paramLabel = "KEY=V1,V2,...", description = "Run once per value and compare the runs"
            + " in one table and chart.")
    String sweep;

    @Option(names = "--out", paramLabel = "DIR", description = "Run directory (default: runs/sim-<time>).")
    Path out;

    @Option(names = "--seed", description = "Seed (same as --set seed=N).")
    Long seed;

    @Option(names = "--nodes", paramLabel = "K", description = "Run as a coordinator JVM plus K client-host JVMs on"
            + " loopback (mutual TLS, throwaway keys in the run directory); 0, the default, runs in this JVM.")
    int nodes;

    @Option(names = "--no-progress", description = "Print one line per round instead of a progress bar.")
    boolean noProgress;

    @Override
    public Integer call() throws Exception {
        Quiet.akkaAndRounds();
        List<String> overrides = new ArrayList<>(sets);
        if (seed != null) {
            overrides.add("seed=" + seed);
        }
        Path file = scenario != null ? scenario : defaultScenario();
        Path dir = out != null ? out : Path.of("runs", "sim-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        if (nodes < 0) {
            System.err.println("error: --nodes must be 0 (one JVM) or a number of client-host JVMs, got " + nodes);
            return 2;
        }
        boolean bar = !noProgress && System.console() != null;
        try {
            if (sweep != null) {
                Sweep.run(file, overrides, sweep, dir, System.out, bar, nodes);
            } else {
                Scenario s = ScenarioLoader.load(file, overrides);
                SimulationRun.execute(s, "run", dir, System.out, bar, nodes);
            }
            return 0;
        } catch (ScenarioException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        }
    }

    private static Path defaultScenario() {
        String root = System.getProperty("flotilla.repo.root");
        Path base = root != null ? Path.of(root) : Path.of(".");
        Path p = base.resolve("simulations/scenarios/default.conf");
        if (!Files.isRegularFile(p)) {
            p = io.flotilla.data.RepoRoot.find() == null ? p
                    : io.flotilla.data.RepoRoot.find().resolve("simulations/scenarios/default.conf");
        }
        return Files.isRegularFile(p) ? p : null;
    }
}
