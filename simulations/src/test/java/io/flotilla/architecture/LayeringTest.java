package io.flotilla.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flotilla.data.RepoRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Holds the main code of every module to the package table of {@code docs/architecture.md}. */
class LayeringTest {
    private static Map<String, Set<String>> allowed;
    private static PackageGraph graph;

    @BeforeAll
    static void read() throws IOException {
        Path repo = RepoRoot.find();
        assertTrue(repo != null && Files.isRegularFile(repo.resolve("docs/architecture.md")),
                "repository root with docs/architecture.md not found (found " + repo + ")");
        allowed = PackageTable.parse(Files.readString(repo.resolve("docs/architecture.md")));
        graph = PackageGraph.ofRepository(repo);
    }

    @Test
    void mainCodeUsesOnlyWhatTheArchitectureAllows() {
        List<String> violations = graph.violations(allowed);
        assertEquals(List.of(), violations, "package dependencies outside docs/architecture.md's table:\n"
                + String.join("\n", violations));
    }

    @Test
    void everyDocumentedPackageExists() {
        Set<String> missing = new TreeSet<>(allowed.keySet());
        missing.removeAll(graph.uses().keySet());
        assertEquals(Set.of(), missing, "docs/architecture.md lists packages that hold no main code");
    }

    @Test
    void theDocumentedLayeringHasNoCycle() {
        assertNull(PackageGraph.findCycle(allowed), "docs/architecture.md allows a package cycle");
    }

    @Test
    void theCodeHasNoPackageCycle() {
        assertNull(PackageGraph.findCycle(graph.uses()), "a package cycle in main code");
    }
}
