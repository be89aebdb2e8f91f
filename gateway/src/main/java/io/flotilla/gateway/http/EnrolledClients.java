package io.flotilla.gateway.http;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether a client is enrolled: its identity key {@code NAME.identity.pub} is in the enrolled directory (the
 * coordinator enrols from the same files, so a client without one could never have an update accepted). A positive
 * answer is remembered; a negative one is looked up again at most once per {@link #refresh()}, so enrolling a
 * client needs no restart and an unenrolled one cannot make the gateway hit the disk on every request.
 */
public final class EnrolledClients {
    private static final String SUFFIX = ".identity.pub";

    private final Path dir;
    private final ConcurrentHashMap<String, Boolean> known = new ConcurrentHashMap<>();

    public EnrolledClients(Path dir) {
        this.dir = dir;
    }

    /** {@code name} is a verified certificate CN (a valid file name). */
    public boolean isEnrolled(String name) {
        return known.computeIfAbsent(name, n -> Files.isRegularFile(dir.resolve(n + SUFFIX)));
    }

    /** Forgets the negative answers, so that newly enrolled clients are seen. */
    public void refresh() {
        known.values().removeIf(enrolled -> !enrolled);
    }
}
