package io.flotilla.coordinator;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flotilla.crypto.pki.FederationCa;
import io.flotilla.crypto.pki.KeyDirectory;
import io.flotilla.crypto.pki.NodeRole;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A federation of separate JVMs on loopback for process-level tests: keys made as `flotilla keys` makes them (a
 * CA, a coordinator and {@code clients} client certificates), a free seed port, the shared cluster settings, and
 * the started processes, each logging to {@code dir/NAME.log}. Closing it kills every process it started.
 */
final class ProcessFederation implements AutoCloseable {
    private final Path dir;
    private final int port;
    private final String cluster;
    private final List<Process> processes = new ArrayList<>();

    ProcessFederation(Path dir, String federation, int clients) throws IOException, GeneralSecurityException {
        this.dir = dir;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path keys = dir.resolve("keys");
        FederationCa ca = FederationCa.init(new KeyDirectory(keys), federation, new SecureRandom());
        ca.issue(NodeRole.COORDINATOR, "coordinator");
        for (int i = 0; i < clients; i++) {
            ca.issue(NodeRole.HOST, "client-" + i);
        }
        cluster = "flotilla.cluster { hostname = \"127.0.0.1\", seed_nodes = [\"127.0.0.1:" + port
                + "\"], stable_after = 4s }\nakka.cluster.failure-detector.acceptable-heartbeat-pause = 8s\n"
                + "flotilla.federation = " + federation + "\nflotilla.keys.dir = \"" + keys + "\"\n";
    }

    /** The HOCON every node shares (cluster, federation id, key directory). */
    String cluster() {
        return cluster;
    }

    /** The coordinator's own settings on top of {@link #cluster()}: the seed port and its key name. */
    String coordinatorNode() {
        return cluster + "flotilla.cluster.port = " + port + "\nflotilla.keys.name = coordinator\n";
    }

    /** Writes {@code dir/NAME.conf}. */
    Path write(String name, String hocon) throws IOException {
        Path f = dir.resolve(name + ".conf");
        Files.writeString(f, hocon, StandardCharsets.UTF_8);
        return f;
    }

    /** Starts {@code main --config config} in a fresh JVM with this test's class path. */
    Process start(String name, Class<?> main, String heap, Path config) throws IOException {
        return start(name, main, List.of(heap), config);
    }

    /** Starts {@code main --config config} in a fresh JVM with {@code jvmOptions} and this test's class path. */
    Process start(String name, Class<?> main, List<String> jvmOptions, Path config) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "-XX:+UseSerialGC"));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName(), "--config",
                config.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(name + ".log").toFile())).start();
        processes.add(p);
        return p;
    }

    /** The processes started so far, in start order. */
    List<Process> processes() {
        return processes;
    }

    /** Waits until {@code NAME.log} contains {@code text}. */
    void awaitLog(String name, String text, Duration timeout) throws IOException, InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            Path log = dir.resolve(name + ".log");
            if (Files.exists(log) && Files.readString(log).contains(text)) {
                return;
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("'" + text + "' never appeared in " + name + ".log:\n" + tail(name));
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }

    /** The last 40 lines of {@code NAME.log}, for failure messages. */
    String tail(String name) throws IOException {
        Path log = dir.resolve(name + ".log");
        if (!Files.exists(log)) {
            return "(no log)";
        }
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    /** A numeric field of one metrics JSON line; NaN for null. */
    static double field(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\":([-0-9.eE]+|null)").matcher(json);
        assertTrue(m.find(), key + " in " + json);
        return m.group(1).equals("null") ? Double.NaN : Double.parseDouble(m.group(1));
    }

    @Override
    public void close() throws InterruptedException {
        for (Process p : processes) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        for (Process p : processes) {
            p.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
