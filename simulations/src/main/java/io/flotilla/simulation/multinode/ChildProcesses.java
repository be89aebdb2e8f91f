package io.flotilla.simulation.multinode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The child JVMs of one multi-node run: each starts with this JVM's java binary and class path, its output
 * appended to a log file, and all of them (with any process they started) are stopped on {@link #close}, or by a
 * shutdown hook when this JVM exits first (failure, Ctrl-C). A child also watches this process and ends itself if
 * it disappears without running its hooks ({@link ChildJvm#exitWithParent}).
 */
final class ChildProcesses implements AutoCloseable {
    private static final long GRACE_SECONDS = 10;

    private final List<Process> children = new ArrayList<>();
    private final List<String> jvmOptions;
    private final Thread hook = new Thread(this::destroyAll, "flotilla-multinode-children");

    /** Children started with {@code jvmOptions} (heap, GC) before the class path. */
    ChildProcesses(List<String> jvmOptions) {
        this.jvmOptions = List.copyOf(jvmOptions);
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** The JVM options every child gets: the Vector API module, a heap limit, and this JVM's repository root. */
    static List<String> defaultJvmOptions(String heap) {
        List<String> options = new ArrayList<>(List.of("--add-modules", "jdk.incubator.vector", "-Xmx" + heap,
                "-XX:+UseSerialGC"));
        String root = System.getProperty("flotilla.repo.root");
        if (root != null) {
            options.add("-Dflotilla.repo.root=" + root);
        }
        return options;
    }

    /** Starts {@code main} with {@code args}, appending its output to {@code log}. */
    synchronized Process start(Class<?> main, List<String> args, Path log) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(main.getName());
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        children.add(p);
        return p;
    }

    /** Process ids of the children started so far (for tests and diagnostics). */
    synchronized List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        for (Process p : children) {
            pids.add(p.pid());
        }
        return pids;
    }

    /** Asks every child to stop (SIGTERM, so its actor system leaves the cluster), then kills what remains. */
    synchronized void destroyAll() {
        for (Process p : children) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroy();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(GRACE_SECONDS);
        for (Process p : children) {
            try {
                long left = Math.max(0, deadline - System.nanoTime());
                if (!p.waitFor(left, TimeUnit.NANOSECONDS)) {
                    p.destroyForcibly().waitFor(GRACE_SECONDS, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The last {@code lines} lines of {@code log}, for an error message. */
    static String tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | java.io.UncheckedIOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        destroyAll();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // Already shutting down: the hook is running or has run.
        }
    }
}
