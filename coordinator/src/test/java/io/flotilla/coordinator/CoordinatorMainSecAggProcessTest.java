package io.flotilla.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flotilla.client.ClientMain;
import io.flotilla.crypto.pki.FederationCa;
import io.flotilla.crypto.pki.KeyDirectory;
import io.flotilla.crypto.pki.NodeRole;
import io.flotilla.data.FashionMnist;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code security = secagg} between separate JVMs started as `flotilla coordinator` and `flotilla client` start
 * them ({@link CoordinatorMain}, {@link ClientMain}), over mutual TLS with keys made as `flotilla keys` makes them:
 * three client processes train mnist-2nn on Fashion-MNIST partitions and every round's model comes from the
 * unmasked sum of their masked inputs.
 */
class CoordinatorMainSecAggProcessTest {
    private static final int ROUNDS = 3;
    private static final Duration STEP = Duration.ofMinutes(5);

    @TempDir
    Path dir;

    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void destroyAll() throws InterruptedException {
        for (Process p : processes) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        for (Process p : processes) {
            p.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private Process start(String name, Class<?> main, String heap, Path config) throws IOException {
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", heap, "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), main.getName(), "--config", config.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(name + ".log").toFile())).start();
        processes.add(p);
        return p;
    }

    private Path write(String name, String hocon) throws IOException {
        Path f = dir.resolve(name + ".conf");
        Files.writeString(f, hocon, StandardCharsets.UTF_8);
        return f;
    }

    private String tail(String name) throws IOException {
        Path log = dir.resolve(name + ".log");
        if (!Files.exists(log)) {
            return "(no log)";
        }
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private static double field(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\":([-0-9.eE]+|null)").matcher(json);
        assertTrue(m.find(), key + " in " + json);
        return m.group(1).equals("null") ? Double.NaN : Double.parseDouble(m.group(1));
    }

    @Test
    void separateProcessesTrainWithSecureAggregation() throws Exception {
        Path data = Path.of(FashionMnist.SYSTEM_DIR);
        Assumptions.assumeTrue(FashionMnist.hasFullSet(data), "Fashion-MNIST not installed");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path keys = dir.resolve("keys");
        FederationCa ca = FederationCa.init(new KeyDirectory(keys), "secagg-proc", new SecureRandom());
        ca.issue(NodeRole.COORDINATOR, "coordinator");
        for (int i = 0; i < 3; i++) {
            ca.issue(NodeRole.CLIENT, "client-" + i);
        }
        String cluster = "flotilla.cluster { hostname = \"127.0.0.1\", seed_nodes = [\"127.0.0.1:" + port
                + "\"], stable_after = 4s }\nakka.cluster.failure-detector.acceptable-heartbeat-pause = 8s\n"
                + "flotilla.federation = secagg-proc\nflotilla.keys.dir = \"" + keys + "\"\n";
        Path coordinatorConf = write("coordinator", cluster + "flotilla.cluster.port = " + port + "\n"
                + "flotilla.keys.name = coordinator\n"
                + "flotilla { rounds = " + ROUNDS + ", model = mnist-2nn, min_available_clients = 3, "
                + "min_fit_clients = 2, round_timeout = 120s, security = secagg, local { lr = 0.1, batch_size = 32 }, "
                + "checkpoint.dir = \"" + dir.resolve("ckpt") + "\", metrics.file = \"" + dir.resolve("rounds.jsonl")
                + "\", data.dir = \"" + data + "\", secagg.clip_range = 0.5 }\n");
        Process coordinator = start("coordinator", CoordinatorMain.class, "-Xmx512m", coordinatorConf);
        for (int i = 0; i < 3; i++) {
            Path conf = write("client-" + i, cluster + "flotilla.client { id = client-" + i + ", model = mnist-2nn, "
                    + "security = secagg, data { dir = \"" + data + "\", partition { index = " + i
                    + ", count = 3, seed = 5 }, max_examples = 3000 } }\n");
            start("client-" + i, ClientMain.class, "-Xmx256m", conf);
        }
        assertTrue(coordinator.waitFor(STEP.toSeconds(), TimeUnit.SECONDS), "coordinator did not finish:\n"
                + tail("coordinator") + "\nclient-0:\n" + tail("client-0"));
        assertEquals(0, coordinator.exitValue(), tail("coordinator"));
        List<String> rounds = Files.readAllLines(dir.resolve("rounds.jsonl"));
        assertEquals(ROUNDS, rounds.size(), String.join("\n", rounds));
        for (String r : rounds) {
            assertTrue(r.contains("\"status\":\"completed\"") && r.contains("\"closed_by\":\"secagg-unmasked\""), r);
            assertEquals(3, (int) field(r, "participants"), r);
        }
        String log = Files.readString(dir.resolve("coordinator.log"));
        assertTrue(log.contains("security secagg"), tail("coordinator"));
        assertTrue(log.contains("secure aggregation unmasked the sum of 3 clients"), tail("coordinator"));
        assertTrue(Files.readString(dir.resolve("client-0.log")).contains("submitted the masked input of round 3"),
                tail("client-0"));
        double acc1 = field(rounds.get(0), "accuracy");
        double acc3 = field(rounds.get(ROUNDS - 1), "accuracy");
        assertTrue(acc1 > 0.3 && acc3 > acc1, "accuracy " + acc1 + " -> " + acc3);
    }
}
