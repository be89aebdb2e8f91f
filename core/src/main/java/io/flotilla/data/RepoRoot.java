package io.flotilla.data;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;

/**
 * Finds the root of the Flotilla repository, where data shipped with it lives ({@value FashionMnist#OFFLINE_DIR}).
 *
 * <p>In order: the system property {@value #PROPERTY} (Maven's test runs set it), then the nearest directory
 * holding {@value FashionMnist#OFFLINE_DIR} above the location of Flotilla's classes (the launcher runs
 * {@code simulations/target/flotilla.jar}), then above the working directory.
 */
public final class RepoRoot {
    /** System property naming the repository root explicitly. */
    public static final String PROPERTY = "flotilla.repo.root";

    private RepoRoot() {
    }

    /** The repository root, or null when none of the lookups finds one. */
    public static Path find() {
        String prop = System.getProperty(PROPERTY);
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop).toAbsolutePath().normalize();
        }
        Path fromCode = searchUp(codeLocation());
        if (fromCode != null) {
            return fromCode;
        }
        return searchUp(Path.of("").toAbsolutePath());
    }

    private static Path codeLocation() {
        try {
            CodeSource cs = RepoRoot.class.getProtectionDomain().getCodeSource();
            return cs == null ? null : Path.of(cs.getLocation().toURI()).toAbsolutePath();
        } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
            return null;
        }
    }

    private static Path searchUp(Path start) {
        for (Path p = start; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve(FashionMnist.OFFLINE_DIR))) {
                return p;
            }
        }
        return null;
    }
}
