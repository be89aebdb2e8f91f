package io.flotilla.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flotilla.client.ClientMain;
import io.flotilla.data.FashionMnistDirectory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * RELIABILITY.md, "Faults between processes": a deployment of separate JVMs on loopback (mutual TLS, envelope
 * updates; one coordinator, five clients) that loses clients the hard way while it trains: one client JVM
 * {@code kill -9}ed while it trains, one {@code kill -9}ed right after it announced its update (while the
 * coordinator fetches the payload from it), and one host paused with {@code SIGSTOP} for longer than the failure
 * detector's acceptable pause and the split-brain resolver's stable-after, then resumed with {@code SIGCONT}. It
 * reports, per fault, the round it hit and how that round ended, the rounds lost, whether the paused client came
 * back, and whether the federation finished (no stall), and writes them to
 * {@code target/reliability/client-faults.md}.
 *
 * <p>Minutes long and a figure-maker rather than a regression test, so it runs only when asked:
 * {@code ./mvnw -B -o -pl coordinator -am test -Dtest=ClientFaultsReliabilityTest -Dflotilla.reliability=true
 * -Dsurefire.failIfNoSpecifiedTests=false}. It asserts only what must always hold: the federation never stalls
 * and finishes every round, and a fault costs at most the round it hit.
 */
@EnabledIfSystemProperty(named = "flotilla.reliability", matches = "true")
class ClientFaultsReliabilityTest {
    private static final int CLIENTS = 5;
    private static final int ROUNDS = 30;
    private static final Duration STEP = Duration.ofMinutes(4);
    /**
     * The failure detector's acceptable heartbeat pause here: looser than {@link ProcessFederation}'s 8 s, since on a
     * busy 2-core machine heartbeats were seen 8.6 s late during start-up, and a node falsely found unreachable then
     * is downed before any fault was injected.
     */
    private static final String HEARTBEAT_PAUSE = "20s";
    /** Longer than {@link #HEARTBEAT_PAUSE} plus stable-after (4 s): the paused client is downed. */
    private static final Duration PAUSE = Duration.ofSeconds(45);

    @TempDir
    Path dir;

    private ProcessFederation fed;

    @AfterEach
    void destroyAll() throws InterruptedException {
        if (fed != null) {
            fed.close();
        }
    }

    private List<String> metricJson() throws IOException {
        Path f = dir.resolve("rounds.jsonl");
        return Files.exists(f) ? Files.readAllLines(f) : List.of();
    }

    private void awaitRounds(int n) throws Exception {
        long end = System.nanoTime() + STEP.toNanos();
        while (metricJson().size() < n) {
            if (System.nanoTime() > end) {
                throw new AssertionError("stalled: only " + metricJson().size() + " of " + n + " rounds after "
                        + STEP + "; coordinator log:\n" + fed.tail("coordinator"));
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
    }

    /** The round the coordinator opened next after {@code done} closed rounds, once it is open. */
    private int awaitOpenRound() throws Exception {
        int next = metricJson().size() + 1;
        fed.awaitLog("coordinator", "round " + next + " of " + ROUNDS, STEP);
        return next;
    }

    private static void signal(Process p, String sig) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + sig, Long.toString(p.pid())).inheritIO().start();
        assertEquals(0, kill.waitFor(), "kill -" + sig + " " + p.pid());
    }

    @Test
    void clientsKilledMidRoundAndMidUploadAndAPausedHostNeverStallTheFederation() throws Exception {
        Path data = FashionMnistDirectory.installedOrShipped(dir.resolve("fashion-mnist"));
        fed = new ProcessFederation(dir, "faults", CLIENTS);
        String detector = "akka.cluster.failure-detector.acceptable-heartbeat-pause = " + HEARTBEAT_PAUSE + "\n";
        Path coordinatorConf = fed.write("coordinator", fed.coordinatorNode() + detector
                + "flotilla { rounds = " + ROUNDS + ", model = mnist-2nn, min_available_clients = 2, "
                + "min_fit_clients = 2, round_timeout = 60s, fetch_timeout = 20s, local { lr = 0.1 }, "
                + "checkpoint.dir = \"" + dir.resolve("ckpt") + "\", metrics.file = \"" + dir.resolve("rounds.jsonl")
                + "\", data.dir = \"" + data + "\" }\n");
        Process coordinator = fed.start("coordinator", CoordinatorMain.class, "-Xmx512m", coordinatorConf);
        // The clients log their own INFO lines (the test configuration keeps Akka's actor loggers at WARN): the
        // mid-upload kill waits for "submitted round N".
        Path clientLogging = dir.resolve("client-logback.xml");
        Files.writeString(clientLogging, "<configuration><appender name=\"OUT\" "
                + "class=\"ch.qos.logback.core.ConsoleAppender\"><encoder><pattern>%d{HH:mm:ss.SSS} %-5level "
                + "%logger{36} - %msg%n</pattern></encoder></appender><logger name=\"akka.actor.ActorCell\" "
                + "level=\"INFO\"/><logger name=\"io.flotilla\" level=\"INFO\"/><root level=\"WARN\">"
                + "<appender-ref ref=\"OUT\"/></root></configuration>", StandardCharsets.UTF_8);
        List<Process> clients = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            Path conf = fed.write("client-" + i, fed.cluster() + detector + "flotilla.client { id = client-" + i
                    + ", model = mnist-2nn, data { dir = \"" + data + "\", partition { index = " + i + ", count = "
                    + CLIENTS + ", seed = 5 }, max_examples = 1500 } }\n");
            clients.add(fed.start("client-" + i, ClientMain.class, List.of("-Xmx256m",
                    "-Dlogback.configurationFile=" + clientLogging), conf));
        }
        Map<String, Integer> faultRound = new LinkedHashMap<>();
        boolean finished = false;
        try {
            injectFaults(clients, faultRound);
            finished = coordinator.waitFor(3 * STEP.toSeconds(), TimeUnit.SECONDS);
        } finally {
            // The figures are written whatever happened, a stall included: a stall is a figure too.
            String report = report(metricJson(), faultRound, finished) + "\ncoordinator log, last lines:\n"
                    + fed.tail("coordinator");
            Path out = Path.of("target", "reliability");
            Files.createDirectories(out);
            Files.writeString(out.resolve("client-faults.md"), report, StandardCharsets.UTF_8);
            System.out.println(report);
        }
        assertTrue(finished, "the federation stalled (target/reliability/client-faults.md)");
        assertEquals(0, coordinator.exitValue());
        int completed = 0;
        for (String l : metricJson()) {
            completed += l.contains("\"status\":\"completed\"") ? 1 : 0;
        }
        assertTrue(completed >= ROUNDS - faultRound.size(), "more than one round lost per fault");
    }

    /** The three faults, each in the round open when it strikes ({@code faultRound} records which). */
    private void injectFaults(List<Process> clients, Map<String, Integer> faultRound) throws Exception {
        // Warm-up: two rounds, after which every client has joined.
        awaitRounds(2);
        fed.awaitLog("coordinator", "client client-" + (CLIENTS - 1) + " registered", STEP);

        // Fault 1: kill -9 of client-4 while the round trains.
        int r1 = awaitOpenRound();
        fed.awaitLog("coordinator", "round " + r1 + ": sent instructions", STEP);
        clients.get(4).destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        faultRound.put("kill -9 client mid-round", r1);
        awaitRounds(r1);

        // Fault 2: kill -9 of client-3 the moment it announced its update: the coordinator is fetching it.
        int r2 = awaitOpenRound();
        fed.awaitLog("client-3", "submitted round " + r2, STEP);
        clients.get(3).destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        faultRound.put("kill -9 client mid-upload", r2);
        awaitRounds(r2);

        // Fault 3: SIGSTOP of client-2's JVM past the failure detector, then SIGCONT.
        int r3 = awaitOpenRound();
        fed.awaitLog("coordinator", "round " + r3 + ": sent instructions", STEP);
        signal(clients.get(2), "STOP");
        faultRound.put("SIGSTOP client 45 s, then SIGCONT", r3);
        TimeUnit.MILLISECONDS.sleep(PAUSE.toMillis()); // the fault itself: a host that does not run for 45 s
        signal(clients.get(2), "CONT");
    }

    private static String report(List<String> lines, Map<String, Integer> faultRound, boolean finished) {
        StringBuilder b = new StringBuilder("| round | status | closed_by | participants | gone | rejected | wall s "
                + "| fault |\n| --- | --- | --- | --- | --- | --- | --- | --- |\n");
        int lost = 0;
        for (String l : lines) {
            int round = (int) ProcessFederation.field(l, "round");
            String fault = "";
            for (Map.Entry<String, Integer> e : faultRound.entrySet()) {
                if (e.getValue() == round) {
                    fault = e.getKey();
                }
            }
            String status = text(l, "status");
            lost += status.equals("completed") ? 0 : 1;
            b.append("| ").append(round).append(" | ").append(status).append(" | ").append(text(l, "closed_by"))
                    .append(" | ").append((int) ProcessFederation.field(l, "participants")).append(" | ")
                    .append((int) ProcessFederation.field(l, "gone")).append(" | ").append(object(l, "rejected"))
                    .append(" | ").append(String.format(java.util.Locale.ROOT, "%.1f",
                            ProcessFederation.field(l, "wall_seconds")))
                    .append(" | ").append(fault).append(" |\n");
        }
        b.append("\nrounds: ").append(lines.size()).append(" of ").append(ROUNDS).append(", lost (not completed): ")
                .append(lost).append(", finished without stalling: ").append(finished).append('\n');
        return b.toString();
    }

    private static String text(String json, String key) {
        var m = java.util.regex.Pattern.compile("\"" + key + "\":\"([^\"]*)\"").matcher(json);
        return m.find() ? m.group(1) : "?";
    }

    private static String object(String json, String key) {
        var m = java.util.regex.Pattern.compile("\"" + key + "\":(\\{[^}]*\\})").matcher(json);
        return m.find() ? m.group(1) : "?";
    }
}
