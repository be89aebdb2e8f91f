package io.flotilla.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Log levels for interactive commands: the per-round and per-client info lines would drown the progress bar. */
final class Quiet {
    private Quiet() {
    }

    static void akkaAndRounds() {
        for (String name : new String[] {"akka", "io.flotilla"}) {
            if (LoggerFactory.getLogger(name) instanceof Logger logger) {
                logger.setLevel(Level.WARN);
            }
        }
    }
}
