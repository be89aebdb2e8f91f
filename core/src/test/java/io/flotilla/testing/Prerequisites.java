package io.flotilla.testing;

import io.flotilla.data.FashionMnist;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The one place where a test states that it needs something a fresh machine lacks: the full Fashion-MNIST of the
 * Debian package {@code dataset-fashion-mnist}, or the browser of the package {@code chromium}.
 *
 * <p>When the thing is missing the test is skipped through a JUnit assumption whose message names the package to
 * install, so {@code ./mvnw -B verify} passes on a machine with only a JDK. When the system property
 * {@value #REQUIRE_DATASET} (or {@value #REQUIRE_CHROMIUM}) is {@code true}, as {@code .ci/run} sets it after
 * installing both, the same absence fails the test instead: CI cannot go green by quietly skipping them.
 */
public final class Prerequisites {
    /** System property: when {@code true}, a test that needs the installed Fashion-MNIST fails without it. */
    public static final String REQUIRE_DATASET = "flotilla.require.dataset";
    /** System property: when {@code true}, a test that needs Chromium fails without it. */
    public static final String REQUIRE_CHROMIUM = "flotilla.require.chromium";
    /** Where the Debian package {@code chromium} installs the browser. */
    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    private Prerequisites() {
    }

    /**
     * The directory of the installed full Fashion-MNIST ({@value FashionMnist#SYSTEM_DIR}); skips the calling
     * test when it is not installed, or fails it when {@value #REQUIRE_DATASET} is {@code true}.
     */
    public static Path installedFashionMnist() {
        Path dir = Path.of(FashionMnist.SYSTEM_DIR);
        require(FashionMnist.hasFullSet(dir), REQUIRE_DATASET,
                "the full Fashion-MNIST is not installed in " + dir, "dataset-fashion-mnist");
        return dir;
    }

    /**
     * The Chromium executable ({@code /usr/bin/chromium}); skips the calling test when it is absent, or fails it
     * when {@value #REQUIRE_CHROMIUM} is {@code true}.
     */
    public static Path chromium() {
        require(Files.isExecutable(CHROMIUM), REQUIRE_CHROMIUM, "Chromium is not installed at " + CHROMIUM,
                "chromium");
        return CHROMIUM;
    }

    /**
     * Returns when {@code present}; otherwise fails with an {@link AssertionError} if the system property
     * {@code requiredBy} is {@code true}, else aborts the test as skipped. Both messages name the Debian package.
     */
    static void require(boolean present, String requiredBy, String missing, String debianPackage) {
        if (present) {
            return;
        }
        String install = "apt-get install " + debianPackage;
        if (Boolean.getBoolean(requiredBy)) {
            throw new AssertionError(missing + ", but " + requiredBy + "=true requires it (" + install + ")");
        }
        Assumptions.abort("SKIPPED: " + missing + "; " + install + " to run this test");
    }
}
