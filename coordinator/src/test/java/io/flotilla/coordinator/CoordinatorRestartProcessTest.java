package io.flotilla.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flotilla.client.ClientMain;
import io.flotilla.data.FashionMnistDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A coordinator process killed mid-round and restarted, three times, with two client processes that were never
 * restarted by hand (issue 14, section 2): the clients find the new coordinator by themselves and the next round
 * starts; when the federation is done the clients exit with code 0 and say why. The time from the restarted
 * coordinator's {@code resuming from checkpoint} line to its next {@code round N of} line is printed for
 * RELIABILITY.md (measured, not asserted: wall-clock time depends on the machine).
 */
class CoordinatorRestartProcessTest {
    private static final int ROUNDS = 8;
    private static final int RESTARTS = 3;
    private static final Duration STEP = Duration.ofMinutes(4);

    @TempDir
    Path dir;

    private ProcessFederation fed;

    @AfterEach
    void destroyAll() throws InterruptedException {
        if (fed != null) {
            fed.close();
        }
    }

    @Test
    void clientsRejoinARestartedCoordinatorByThemselvesAndExitWhenTheFederationEnds() throws Exception {
        Path data = FashionMnistDirectory.installedOrShipped(dir.resolve("fashion-mnist"));
        fed = new ProcessFederation(dir, "restart-test", 2);
        Path coordinatorConf = fed.write("coordinator", fed.coordinatorNode()
                + "flotilla { rounds = " + ROUNDS + ", model = logreg, min_available_clients = 2, "
                + "min_fit_clients = 2, round_timeout = 60s, local { lr = 0.1, batch_size = 32 }, "
                + "evaluation.centralized = false, checkpoint.dir = \"" + dir.resolve("ckpt")
                + "\", metrics.file = \"" + dir.resolve("rounds.jsonl") + "\" }\n");
        Process coordinator = fed.start("coordinator", CoordinatorMain.class, "-Xmx256m", coordinatorConf);
        List<Process> clients = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Path conf = fed.write("client-" + i, fed.cluster() + "flotilla.client { id = client-" + i
                    + ", model = logreg, data { dir = \"" + data + "\", partition { index = " + i
                    + ", count = 2, seed = 5 }, max_examples = 1000 } }\n");
            clients.add(fed.start("client-" + i, ClientMain.class, "-Xmx192m", conf));
        }
        List<Long> rejoinMillis = new ArrayList<>();
        for (int restart = 1; restart <= RESTARTS; restart++) {
            int inFlight = 2 * restart;
            fed.awaitLog("coordinator", "round " + inFlight + " of " + ROUNDS, STEP);
            coordinator.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            int checkpointed = new CheckpointStore(dir.resolve("ckpt"), 3).latestValid().orElseThrow().round();
            Files.move(dir.resolve("coordinator.log"), dir.resolve("coordinator-" + restart + ".log"));
            coordinator = fed.start("coordinator", CoordinatorMain.class, "-Xmx256m", coordinatorConf);
            String resumed = "resuming from checkpoint of round " + checkpointed;
            String next = "round " + (checkpointed + 1) + " of " + ROUNDS;
            fed.awaitLog("coordinator", next, STEP);
            rejoinMillis.add(millisBetween(dir.resolve("coordinator.log"), resumed, next));
        }
        assertTrue(coordinator.waitFor(STEP.toSeconds(), TimeUnit.SECONDS), "coordinator did not finish:\n"
                + fed.tail("coordinator"));
        assertEquals(0, coordinator.exitValue());
        for (int i = 0; i < 2; i++) {
            Process c = clients.get(i);
            assertTrue(c.waitFor(STEP.toSeconds(), TimeUnit.SECONDS), "client-" + i + " did not exit:\n"
                    + fed.tail("client-" + i));
            assertEquals(0, c.exitValue(), fed.tail("client-" + i));
            fed.awaitLog("client-" + i, "the federation ended after round " + ROUNDS, STEP);
        }
        // The logs stay beside the figures: the timeline of a slow rejoin is in them.
        Path logs = Files.createDirectories(Path.of("target", "coordinator-restart-logs"));
        try (var files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".log"))::iterator) {
                Files.copy(f, logs.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        List<Long> sorted = new ArrayList<>(rejoinMillis);
        sorted.sort(null);
        String figures = "restart-to-next-round ms: " + rejoinMillis + ", median " + sorted.get(sorted.size() / 2);
        System.out.println(figures);
        Files.writeString(Path.of("target", "coordinator-restart-figures.txt"), figures + "\n",
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    }

    /** Milliseconds between the first lines of {@code log} holding {@code from} and {@code to} (HH:mm:ss.SSS). */
    private static long millisBetween(Path log, String from, String to) throws IOException {
        LocalTime a = null;
        LocalTime b = null;
        for (String line : Files.readAllLines(log)) {
            if (a == null && line.contains(from)) {
                a = LocalTime.parse(line.substring(0, 12));
            } else if (a != null && b == null && line.contains(to)) {
                b = LocalTime.parse(line.substring(0, 12));
            }
        }
        assertTrue(a != null && b != null, "'" + from + "' then '" + to + "' in " + log);
        long ms = Duration.between(a, b).toMillis();
        return ms < 0 ? ms + Duration.ofDays(1).toMillis() : ms;
    }
}
