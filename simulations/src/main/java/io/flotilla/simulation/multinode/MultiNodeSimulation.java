package io.flotilla.simulation.multinode;

import io.flotilla.simulation.RunKeys;
import io.flotilla.coordinator.Checkpoint;
import io.flotilla.coordinator.CheckpointStore;
import io.flotilla.coordinator.RoundMetrics;
import io.flotilla.coordinator.RoundStatus;
import io.flotilla.model.ParameterSet;
import io.flotilla.nn.ModelZoo;
import io.flotilla.simulation.scenario.Scenario;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a scenario as a coordinator JVM plus {@code K} client-host JVMs on loopback ({@code flotilla simulate
 * --nodes K}), with the deployment's actors over Artery with mutual TLS: makes throwaway keys in the run
 * directory ({@link RunKeys}), starts the coordinator ({@link CoordinatorNodeProcess}), waits for its port, starts
 * the hosts ({@link ClientHostProcess}, the clients split round-robin), hands every round's metrics to the caller
 * as the coordinator writes them, and returns the final model from the coordinator's last checkpoint. Every child
 * is stopped when this returns or throws, and by a shutdown hook on Ctrl-C.
 */
public final class MultiNodeSimulation {
    private static final Logger LOG = LoggerFactory.getLogger(MultiNodeSimulation.class);
    static final String PORT_FILE = "coordinator.port";
    static final String METRICS_FILE = "metrics.lines";
    private static final long POLL_MILLIS = 200;
    private static final long STARTUP_MILLIS = 300_000;

    private MultiNodeSimulation() {
    }

    /** Where the nodes of a run keep their keys, logs, port and metrics: {@code RUN_DIR/nodes}. */
    static Path nodesDir(Path runDir) {
        return runDir.resolve("nodes");
    }

    /**
     * Runs {@code s} (already recorded as {@code runDir/scenario.conf}) on {@code hosts} host JVMs, handing each
     * round's metrics to {@code onRound}.
     *
     * @param heap each child JVM's maximum heap, e.g. {@code 1g}
     * @return the final global model
     */
    public static ParameterSet run(Scenario s, int hosts, String heap, Path runDir, Consumer<RoundMetrics> onRound)
            throws IOException, InterruptedException {
        if (hosts < 1 || hosts > s.clients()) {
            throw new IllegalArgumentException("--nodes must be between 1 and the " + s.clients()
                    + " clients, got " + hosts);
        }
        if (!Files.isRegularFile(runDir.resolve("scenario.conf"))) {
            throw new IllegalArgumentException("the run directory " + runDir + " has no scenario.conf");
        }
        Path nodes = nodesDir(runDir);
        Files.createDirectories(nodes);
        Files.deleteIfExists(nodes.resolve(PORT_FILE));
        Files.deleteIfExists(nodes.resolve(METRICS_FILE));
        deleteTree(nodes.resolve("keys"));
        return runWithChildren(s, hosts, heap, runDir, onRound, null);
    }

    /** As {@link #run}, reporting the children's process ids to {@code pids} once all are started (tests). */
    static ParameterSet runWithChildren(Scenario s, int hosts, String heap, Path runDir,
                                        Consumer<RoundMetrics> onRound, Consumer<List<Long>> pids)
            throws IOException, InterruptedException {
        Path nodes = nodesDir(runDir);
        try {
            RunKeys.create(nodes.resolve("keys"), hosts, s.clients());
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot make the run's keys: " + e.getMessage(), e);
        }
        String parent = Long.toString(ProcessHandle.current().pid());
        try (ChildProcesses children = new ChildProcesses(ChildProcesses.defaultJvmOptions(heap))) {
            Path coordinatorLog = nodes.resolve("coordinator.log");
            Process coordinator = children.start(CoordinatorNodeProcess.class, List.of(runDir.toString(), parent),
                    coordinatorLog);
            int port = awaitPort(nodes.resolve(PORT_FILE), coordinator, coordinatorLog);
            LOG.info("coordinator JVM up on port {}; starting {} host JVMs", port, hosts);
            List<Process> hostProcesses = new ArrayList<>();
            for (int h = 0; h < hosts; h++) {
                hostProcesses.add(children.start(ClientHostProcess.class, List.of(runDir.toString(),
                        Integer.toString(h), Integer.toString(hosts), Integer.toString(port), parent),
                        nodes.resolve(RunKeys.hostName(h) + ".log")));
            }
            if (pids != null) {
                pids.accept(children.pids());
            }
            follow(s, nodes, coordinator, hostProcesses, onRound);
            // The coordinator exits by itself after its last round, with its last checkpoint written.
            coordinator.waitFor(60, java.util.concurrent.TimeUnit.SECONDS);
        }
        Optional<Checkpoint> last = new CheckpointStore(runDir.resolve("checkpoints"), 2).latestValid();
        return last.map(Checkpoint::parameters).orElseGet(() -> ModelZoo.spec(s.model()).initialize(s.seed(), s.init()));
    }

    /** Removes a previous run's throwaway keys: a federation CA is never overwritten in place. */
    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            List<Path> all = new ArrayList<>();
            paths.forEach(all::add);
            for (int i = all.size() - 1; i >= 0; i--) {
                Files.delete(all.get(i));
            }
        }
    }

    private static int awaitPort(Path portFile, Process coordinator, Path log) throws IOException,
            InterruptedException {
        long deadline = System.currentTimeMillis() + STARTUP_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            if (Files.isRegularFile(portFile)) {
                String text = Files.readString(portFile).trim();
                try {
                    int port = Integer.parseInt(text);
                    if (port >= 1 && port <= 65535) {
                        return port;
                    }
                } catch (NumberFormatException e) {
                    // Fall through to the error below.
                }
                throw new IllegalStateException("coordinator wrote a bad port '" + text + "' to " + portFile);
            }
            if (!coordinator.isAlive()) {
                throw new IllegalStateException("the coordinator JVM exited with code " + coordinator.exitValue()
                        + " before binding; end of " + log + ":\n" + ChildProcesses.tail(log, 30));
            }
            Thread.sleep(POLL_MILLIS);
        }
        throw new IllegalStateException("the coordinator JVM did not bind within " + STARTUP_MILLIS / 1000
                + " s; see " + log);
    }

    /** Hands the coordinator's metrics lines to {@code onRound} until the last round, failing if a node dies. */
    private static void follow(Scenario s, Path nodes, Process coordinator, List<Process> hosts,
                               Consumer<RoundMetrics> onRound) throws IOException, InterruptedException {
        Path metrics = nodes.resolve(METRICS_FILE);
        long offset = 0;
        StringBuilder partial = new StringBuilder();
        long perRound = (long) ((s.roundTimeoutSeconds() + s.evaluation().federatedTimeoutSeconds()) * 1000) + 120_000;
        long lastProgress = System.currentTimeMillis();
        boolean first = true;
        while (true) {
            if (Files.isRegularFile(metrics)) {
                try (RandomAccessFile f = new RandomAccessFile(metrics.toFile(), "r")) {
                    long length = f.length();
                    if (length > offset) {
                        byte[] bytes = new byte[(int) Math.min(length - offset, 1 << 20)];
                        f.seek(offset);
                        f.readFully(bytes);
                        offset += bytes.length;
                        partial.append(new String(bytes, StandardCharsets.UTF_8));
                    }
                }
            }
            int nl;
            while ((nl = partial.indexOf("\n")) >= 0) {
                String line = partial.substring(0, nl);
                partial.delete(0, nl + 1);
                RoundMetrics m = MetricsLine.decode(line);
                onRound.accept(m);
                lastProgress = System.currentTimeMillis();
                first = false;
                if (m.round() >= s.rounds() || m.status() == RoundStatus.STOPPED) {
                    return;
                }
            }
            if (!coordinator.isAlive()) {
                throw new IllegalStateException("the coordinator JVM exited with code " + coordinator.exitValue()
                        + " before the last round; end of its log:\n"
                        + ChildProcesses.tail(nodes.resolve("coordinator.log"), 30));
            }
            for (int h = 0; h < hosts.size(); h++) {
                if (!hosts.get(h).isAlive()) {
                    Path log = nodes.resolve(RunKeys.hostName(h) + ".log");
                    throw new IllegalStateException("host JVM " + h + " exited with code " + hosts.get(h).exitValue()
                            + " during the run; end of " + log + ":\n" + ChildProcesses.tail(log, 30));
                }
            }
            long limit = perRound + (first ? STARTUP_MILLIS : 0);
            if (System.currentTimeMillis() - lastProgress > limit) {
                throw new IllegalStateException("no round finished within " + limit / 1000 + " s; see the logs in "
                        + nodes);
            }
            Thread.sleep(POLL_MILLIS);
        }
    }
}
