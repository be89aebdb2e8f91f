package io.flotilla.simulation.multinode;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every child JVM of a multi-node run does first: log levels for its log file in the run directory (the
 * coordinator's round lines and every warning, without Akka's and the agents' per-message chatter), and a watch on
 * the parent process so that a killed parent leaves no orphans.
 */
final class ChildJvm {
    private ChildJvm() {
    }

    static void configure() {
        set(org.slf4j.Logger.ROOT_LOGGER_NAME, Level.INFO);
        set("akka", Level.WARN);
        set("io.flotilla.client", Level.WARN);
        set("io.flotilla.wire", Level.WARN);
        set("io.flotilla.node", Level.INFO);
    }

    private static void set(String name, Level level) {
        if (LoggerFactory.getLogger(name) instanceof Logger logger) {
            logger.setLevel(level);
        }
    }

    /** Ends this JVM when the process {@code parentPid} ends, so a killed parent leaves no orphans behind. */
    static void exitWithParent(long parentPid) {
        ProcessHandle.of(parentPid).ifPresentOrElse(
                p -> p.onExit().thenRun(() -> Runtime.getRuntime().halt(3)),
                () -> Runtime.getRuntime().halt(3));
    }
}
