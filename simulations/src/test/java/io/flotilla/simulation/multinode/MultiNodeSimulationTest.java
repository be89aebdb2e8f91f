package io.flotilla.simulation.multinode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flotilla.model.Safetensors;
import io.flotilla.simulation.report.RunResult;
import io.flotilla.simulation.run.SimulationRun;
import io.flotilla.simulation.scenario.Scenario;
import io.flotilla.simulation.scenario.ScenarioLoader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Multi-node runs for real: a coordinator JVM and two client-host JVMs on loopback over mutual TLS, with envelope
 * encryption, on real Fashion-MNIST. Heavy (three JVMs start per run), so the cases are few.
 */
class MultiNodeSimulationTest {
    @TempDir
    Path tmp;

    private static Scenario tiny(String... extra) {
        List<String> sets = new ArrayList<>(List.of("model=logreg", "clients=4", "rounds=3", "partition=iid",
                "security=envelope", "local.batch_size=32", "local.lr=0.1", "seed=11",
                "round_timeout_seconds=180"));
        sets.addAll(List.of(extra));
        return ScenarioLoader.load(null, sets);
    }

    @Test
    void fourClientsOnTwoHostJvmsTrainOverMutualTlsCrashRejoinAndMatchTheInJvmRun() throws Exception {
        // With seed 11 and faults.crash = 0.2 the plan crashes one client in round 1 (down in round 2, back in 3).
        String[] crash = {"faults.crash=0.2", "faults.crash_rounds=1", "min_fit_fraction=0.25"};
        Scenario s = tiny(crash);
        int[] crashed = new int[4];
        int[] down = new int[4];
        int[] downThrough = new int[4];
        var plan = io.flotilla.simulation.Scenarios.faultPlan(s);
        for (int r = 1; r <= 3; r++) {
            for (int c = 0; c < 4; c++) {
                if (r <= downThrough[c]) {
                    down[r]++;
                } else if (plan.crashes(c, r)) {
                    crashed[r]++;
                    downThrough[c] = r + 1;
                }
            }
        }
        assertEquals(1, crashed[1]);
        assertEquals(1, down[2]);
        Path dir = tmp.resolve("multi");
        RunResult multi = SimulationRun.execute(s, "multi", dir, quiet(), false, 2);

        assertEquals(3, multi.rounds().size());
        List<String> coordinatorLines = Files.readAllLines(dir.resolve("coordinator-rounds.jsonl"));
        for (var r : multi.rounds()) {
            int t = r.round();
            assertEquals(4 - crashed[t] - down[t], r.participants(), "every sealed update of round " + t + " opened");
            assertEquals(0, r.rejected());
            assertEquals(crashed[t] + down[t], r.dropped(), "round " + t);
            // The crashed client's agent left the cluster mid-round (gone); its fresh agent refused while down.
            assertTrue(coordinatorLines.get(t - 1).contains("\"gone\":" + crashed[t] + ","),
                    coordinatorLines.get(t - 1));
            assertTrue(coordinatorLines.get(t - 1).contains("\"refused\":" + down[t] + ","),
                    coordinatorLines.get(t - 1));
        }
        double first = multi.rounds().get(0).accuracy();
        double last = multi.rounds().get(2).accuracy();
        assertTrue(last > first, "accuracy rises over the rounds: " + first + " -> " + last);
        assertTrue(last > 0.7, "logreg on Fashion-MNIST after 3 federated rounds: " + last);
        String summary = Files.readString(dir.resolve("summary.json"));
        assertTrue(summary.contains("\"rounds_completed\": 3"), summary);
        assertTrue(summary.contains("\"clients\": 4"), summary);
        assertTrue(summary.contains("\"mode\": \"multi-node\"") && summary.contains("\"nodes\": 2"), summary);
        for (String f : List.of("scenario.conf", "rounds.csv", "report.html", "model.safetensors", "partition.txt")) {
            assertTrue(Files.isRegularFile(dir.resolve(f)), f);
        }
        assertEquals(4, Files.readAllLines(dir.resolve("rounds.csv")).size());
        assertEquals(7850, Safetensors.read(dir.resolve("model.safetensors")).parameters().size());

        // Really separate JVMs over TLS: each node logged its mutual-TLS setup, each host carried two clients.
        Path nodes = dir.resolve("nodes");
        for (String log : List.of("coordinator.log", "host-0.log", "host-1.log")) {
            assertTrue(Files.readString(nodes.resolve(log)).contains("mutual TLS 1.3 on Artery"), log);
        }
        String coordinatorLog = Files.readString(nodes.resolve("coordinator.log"));
        assertTrue(coordinatorLog.contains("client-00000 registered") && coordinatorLog.contains(
                "client-00003 registered"), coordinatorLog);
        assertNoChildProcesses();

        // Same actors, same seeds, same order-free aggregation: the in-JVM run gives the same figures.
        RunResult single = SimulationRun.execute(tiny(crash), "single", tmp.resolve("single"), quiet(), false, 0);
        for (int r = 0; r < 3; r++) {
            assertEquals(single.rounds().get(r).accuracy(), multi.rounds().get(r).accuracy(), 0.0, "round " + r);
            assertEquals(single.rounds().get(r).loss(), multi.rounds().get(r).loss(), 0.0, "round " + r);
        }
    }

    @Test
    void secureAggregationAcrossHostJvmsUnmasksTheModelOfTheInJvmRun() throws Exception {
        Path dir = tmp.resolve("secagg");
        // With federated evaluation after every round: its figures cross the JVM boundary in the metrics lines.
        String[] sets = {"security=secagg", "rounds=2", "evaluation.federated.every=1"};
        RunResult multi = SimulationRun.execute(tiny(sets), "secagg", dir, quiet(), false, 2);
        assertEquals(2, multi.rounds().size());
        for (var r : multi.rounds()) {
            assertEquals(4, r.participants(), "round " + r.round() + " unmasked the sum of all four clients");
            assertEquals(0, r.rejected());
            assertEquals(4, r.federatedClients(), "every host's clients evaluated round " + r.round());
        }
        assertTrue(Files.readString(dir.resolve("coordinator-rounds.jsonl")).contains("secagg-unmasked"));
        assertNoChildProcesses();
        // Pairwise masks cancel exactly in Z_2^32, so the unmasked sum, and the model, are those of one JVM.
        RunResult single = SimulationRun.execute(tiny(sets), "single", tmp.resolve("s1"), quiet(), false, 0);
        for (int r = 0; r < 2; r++) {
            assertEquals(single.rounds().get(r).accuracy(), multi.rounds().get(r).accuracy(), 0.0, "round " + r);
            // The same model evaluated by the same clients on the same test splits: the same federated figures.
            assertEquals(single.rounds().get(r).federatedAccuracy(), multi.rounds().get(r).federatedAccuracy(), 0.0);
            assertEquals(single.rounds().get(r).federatedAccuracyMin(),
                    multi.rounds().get(r).federatedAccuracyMin(), 0.0);
            // The loss agrees to rounding only (one ulp apart when written, cause not pinned down: the clients'
            // evaluation runs in other JVMs); accuracies come from counts of correct predictions and are exact.
            assertEquals(single.rounds().get(r).federatedLoss(), multi.rounds().get(r).federatedLoss(),
                    1e-12 * single.rounds().get(r).federatedLoss());
        }
    }

    @Test
    void aHostThatDiesFailsTheRunAndLeavesNoProcessBehind() throws Exception {
        Path dir = tmp.resolve("dies");
        Scenario s = tiny("rounds=50");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("scenario.conf"), ScenarioLoader.render(s.config()));
        List<Long> started = new ArrayList<>();
        IllegalStateException e = assertThrows(IllegalStateException.class, () ->
                MultiNodeSimulation.runWithChildren(s, 2, "512m", dir, m -> { }, pids -> {
                    started.addAll(pids);
                    // Host 1 is the third child; it dies as a crashed machine would.
                    ProcessHandle.of(pids.get(2)).ifPresent(ProcessHandle::destroyForcibly);
                }));
        assertTrue(e.getMessage().contains("host JVM 1 exited"), e.getMessage());
        assertEquals(3, started.size(), "coordinator and two hosts started");
        assertNoChildProcesses();
    }

    private static void assertNoChildProcesses() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (ProcessHandle.current().descendants().anyMatch(ProcessHandle::isAlive)
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        List<String> alive = new ArrayList<>();
        ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .forEach(p -> alive.add(p.pid() + " " + p.info().commandLine().orElse("?")));
        assertTrue(alive.isEmpty(), "child processes left: " + alive);
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }
}
