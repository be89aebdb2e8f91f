package io.flotilla.simulation.multinode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildProcessesTest {
    @TempDir
    Path tmp;

    /** A child that says hello and then waits to be stopped. */
    public static final class Sleeper {
        public static void main(String[] args) throws InterruptedException {
            System.out.println("hello from " + args[0]);
            System.out.flush();
            Thread.sleep(TimeUnit.MINUTES.toMillis(10));
        }
    }

    @Test
    void childrenRunWithThisJvmsClassPathLogToTheirFileAndAreAllStoppedOnClose() throws Exception {
        Process a;
        Process b;
        try (ChildProcesses children = new ChildProcesses(ChildProcesses.defaultJvmOptions("64m"))) {
            a = children.start(Sleeper.class, List.of("a"), tmp.resolve("a.log"));
            b = children.start(Sleeper.class, List.of("b"), tmp.resolve("b.log"));
            assertEquals(List.of(a.pid(), b.pid()), children.pids());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!(logged(tmp.resolve("a.log"), "hello from a") && logged(tmp.resolve("b.log"), "hello from b"))
                    && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertTrue(a.isAlive() && b.isAlive());
        }
        assertFalse(a.isAlive(), "a stopped");
        assertFalse(b.isAlive(), "b stopped");
        assertTrue(logged(tmp.resolve("a.log"), "hello from a"));
        assertTrue(logged(tmp.resolve("b.log"), "hello from b"));
    }

    @Test
    void theTailOfALogIsItsLastLines() throws Exception {
        Path log = tmp.resolve("x.log");
        Files.writeString(log, "1\n2\n3\n4\n");
        assertEquals("3\n4", ChildProcesses.tail(log, 2));
        assertTrue(ChildProcesses.tail(tmp.resolve("missing.log"), 2).startsWith("(cannot read"));
    }

    private static boolean logged(Path log, String text) throws java.io.IOException {
        return Files.isRegularFile(log) && Files.readString(log).contains(text);
    }
}
