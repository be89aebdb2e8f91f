package io.flotilla.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flotilla.client.ClientMain;
import io.flotilla.data.FashionMnistDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A federation of separate JVMs on loopback, over mutual TLS with envelope-encrypted updates (the defaults, with
 * keys made as `flotilla keys` makes them): one coordinator process ({@link CoordinatorMain}) and three client
 * processes ({@link ClientMain}, 256 MB heap each) train mnist-2nn on Fashion-MNIST partitions; then a client is
 * killed mid-round and the round still closes on quorum; then the coordinator is killed and restarted and
 * resumes from its checkpoint, the clients rejoining on their own.
 */
class CoordinatorMainProcessTest {
    private static final int ROUNDS = 10;
    private static final Duration STEP = Duration.ofMinutes(4);
    private static final Pattern LINE_ROUND = Pattern.compile("^\\{\"round\":(\\d+),\"status\":\"(\\w+)\"");

    @TempDir
    Path dir;

    private ProcessFederation fed;

    @AfterEach
    void destroyAll() throws InterruptedException {
        if (fed != null) {
            fed.close();
        }
    }

    private List<int[]> metricLines() throws IOException {
        Path f = dir.resolve("rounds.jsonl");
        List<int[]> out = new ArrayList<>();
        if (!Files.exists(f)) {
            return out;
        }
        for (String line : Files.readAllLines(f)) {
            Matcher m = LINE_ROUND.matcher(line);
            if (m.find()) {
                out.add(new int[] {Integer.parseInt(m.group(1)), m.group(2).equals("completed") ? 1 : 0});
            }
        }
        return out;
    }

    private List<String> metricJson() throws IOException {
        return Files.readAllLines(dir.resolve("rounds.jsonl"));
    }

    private void awaitRounds(int n) throws Exception {
        long end = System.nanoTime() + STEP.toNanos();
        while (metricLines().size() < n) {
            if (System.nanoTime() > end) {
                throw new AssertionError("only " + metricLines().size() + " of " + n + " rounds after " + STEP
                        + "; coordinator log:\n" + tail("coordinator"));
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
    }

    private void awaitLog(String name, String text) throws Exception {
        fed.awaitLog(name, text, STEP);
    }

    private String tail(String name) throws IOException {
        return fed.tail(name);
    }

    private static double field(String json, String key) {
        return ProcessFederation.field(json, key);
    }

    @Test
    void separateProcessesTrainSurviveAClientCrashAndResumeAfterACoordinatorCrash() throws Exception {
        Path data = FashionMnistDirectory.installedOrShipped(dir.resolve("fashion-mnist"));
        // The federation's keys, made by the code behind `flotilla keys init` and `flotilla keys issue`: every node
        // talks mutual TLS and every update is sealed and signed (both defaults, nothing to switch on).
        fed = new ProcessFederation(dir, "proc-test", 3);
        Path coordinatorConf = fed.write("coordinator", fed.coordinatorNode()
                + "flotilla { rounds = " + ROUNDS + ", model = mnist-2nn, min_available_clients = 2, "
                + "min_fit_clients = 2, round_timeout = 60s, local { lr = 0.1, batch_size = 32 }, "
                + "checkpoint.dir = \"" + dir.resolve("ckpt") + "\", metrics.file = \"" + dir.resolve("rounds.jsonl")
                + "\", data.dir = \"" + data + "\" }\n");
        fed.start("coordinator", CoordinatorMain.class, "-Xmx512m", coordinatorConf);
        List<Process> clients = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Path conf = fed.write("client-" + i, fed.cluster() + "flotilla.client { id = client-" + i
                    + ", model = mnist-2nn, "
                    + "data { dir = \"" + data + "\", partition { index = " + i + ", count = 3, seed = 5 }, "
                    + "max_examples = 3000 } }\n");
            // The device budget: mnist-2nn trains within a 256 MB heap.
            clients.add(fed.start("client-" + i, ClientMain.class, "-Xmx256m", conf));
        }

        // Phase 1: five rounds with all three clients; the held-out accuracy rises.
        awaitRounds(5);
        List<String> first = metricJson();
        for (int r = 0; r < 5; r++) {
            assertEquals(r + 1, (int) field(first.get(r), "round"));
            assertTrue(first.get(r).contains("\"status\":\"completed\""), first.get(r));
        }
        // A round starts once two clients are in; the third may join from round 2 on, but all three train.
        double most = 0;
        for (int r = 0; r < 5; r++) {
            most = Math.max(most, field(first.get(r), "participants"));
        }
        assertEquals(3, (int) most, String.join("\n", first));
        String coordinatorLog = Files.readString(dir.resolve("coordinator.log"));
        assertTrue(coordinatorLog.contains("security envelope"), tail("coordinator"));
        assertTrue(!coordinatorLog.contains("PLAINTEXT"), "neither plaintext updates nor plaintext TCP");
        double acc1 = field(first.get(0), "accuracy");
        double acc5 = field(first.get(4), "accuracy");
        assertTrue(acc1 > 0.3 && acc5 > acc1, "accuracy " + acc1 + " -> " + acc5);

        // Phase 2: kill a client while the next round is in flight; that round still closes on quorum.
        int before = metricLines().size();
        awaitLog("coordinator", "round " + (before + 1) + " of " + ROUNDS);
        clients.get(2).destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        awaitRounds(before + 1);
        String killedRound = metricJson().get(before);
        assertTrue(killedRound.contains("\"status\":\"completed\""), killedRound);
        assertTrue(field(killedRound, "participants") >= 2, killedRound);
        awaitRounds(before + 2);
        String after = metricJson().get(before + 1);
        assertTrue(after.contains("\"status\":\"completed\""), after);
        assertEquals(2, (int) field(after, "participants"), "the killed client is gone: " + after);

        // Phase 3: kill the coordinator mid-round, restart it: it resumes from its newest checkpoint.
        int done = metricLines().size();
        awaitLog("coordinator", "round " + (done + 1) + " of " + ROUNDS);
        fed.processes().get(0).destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        int checkpointed = new CheckpointStore(dir.resolve("ckpt"), 3).latestValid().orElseThrow().round();
        assertTrue(checkpointed >= done, "checkpoint " + checkpointed + " vs " + done + " rounds done");
        Files.move(dir.resolve("coordinator.log"), dir.resolve("coordinator-1.log"));
        Process restarted = fed.start("coordinator", CoordinatorMain.class, "-Xmx512m", coordinatorConf);
        awaitLog("coordinator", "resuming from checkpoint of round " + checkpointed);
        assertTrue(restarted.waitFor(STEP.toSeconds(), TimeUnit.SECONDS), "coordinator did not finish:\n"
                + tail("coordinator") + "\nclient-0:\n" + tail("client-0") + "\nclient-1:\n" + tail("client-1"));
        assertEquals(0, restarted.exitValue());

        // Every round completed exactly once, except that the one in flight at the crash may be missing from the
        // first run's lines; none is lost.
        List<int[]> lines = metricLines();
        int[] completions = new int[ROUNDS + 1];
        for (int[] l : lines) {
            completions[l[0]] += l[1];
        }
        for (int r = 1; r <= ROUNDS; r++) {
            assertEquals(1, completions[r], "round " + r + " completed once: " + metricJson());
        }
        String last = metricJson().get(metricJson().size() - 1);
        assertEquals(ROUNDS, (int) field(last, "round"));
        assertTrue(field(last, "accuracy") > acc1, last);
    }
}
