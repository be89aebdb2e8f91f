package io.flotilla.simulation.multinode;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The no-orphans guarantee when the parent dies without running its shutdown hooks (SIGKILL). */
class ChildJvmTest {
    @TempDir
    Path tmp;

    /** A parent that starts one watching child, prints its pid, and waits. */
    public static final class Parent {
        public static void main(String[] args) throws Exception {
            ChildProcesses children = new ChildProcesses(ChildProcesses.defaultJvmOptions("64m"));
            Process child = children.start(Watcher.class, List.of(Long.toString(ProcessHandle.current().pid())),
                    Path.of(args[0]));
            System.out.println("child " + child.pid());
            System.out.flush();
            Thread.sleep(TimeUnit.MINUTES.toMillis(10));
        }
    }

    /** A child that watches its parent, as the coordinator and host JVMs do. */
    public static final class Watcher {
        public static void main(String[] args) throws Exception {
            ChildJvm.exitWithParent(Long.parseLong(args[0]));
            System.out.println("watching");
            System.out.flush();
            Thread.sleep(TimeUnit.MINUTES.toMillis(10));
        }
    }

    @Test
    void aChildEndsItselfWhenItsParentIsKilled() throws Exception {
        Path log = tmp.resolve("watcher.log");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(ChildProcesses.defaultJvmOptions("64m"));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Parent.class.getName(), log.toString()));
        Process parent = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(parent.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            do {
                line = out.readLine();
            } while (line != null && !line.startsWith("child "));
            assertTrue(line != null, "the parent reported its child");
            ProcessHandle child = ProcessHandle.of(Long.parseLong(line.substring(6).trim())).orElseThrow();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!(Files.isRegularFile(log) && Files.readString(log).contains("watching"))
                    && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertTrue(Files.readString(log).contains("watching"));
            assertTrue(child.isAlive());

            parent.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            child.onExit().get(60, TimeUnit.SECONDS);
            assertFalse(child.isAlive(), "the child ended with its parent");
        } finally {
            parent.destroyForcibly();
        }
    }
}
