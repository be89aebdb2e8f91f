package io.flotilla.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flotilla.data.RepoRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Holds the main code of every module to the package table of {@code docs/architecture.md}: uses and modules. */
class LayeringTest {
    private static Map<String, Set<String>> allowed;
    private static Map<String, String> modules;
    private static PackageGraph graph;

    @BeforeAll
    static void read() throws IOException {
        Path repo = RepoRoot.find();
        assertTrue(repo != null && Files.isRegularFile(repo.resolve("docs/architecture.md")),
                "repository root with docs/architecture.md not found (found " + repo + ")");
        String table = Files.readString(repo.resolve("docs/architecture.md"));
        allowed = PackageTable.parse(table);
        modules = PackageTable.modules(table);
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
    void everyPackageLivesInTheModuleItsRowNames() {
        List<String> misplaced = new ArrayList<>();
        graph.modules().forEach((pkg, in) -> {
            String documented = modules.get(pkg);
            if (documented != null && !in.equals(Set.of(documented))) {
                misplaced.add(pkg + ": in " + in + ", docs/architecture.md says " + documented);
            }
        });
        assertEquals(List.of(), misplaced, "packages outside the module their row names:\n"
                + String.join("\n", misplaced));
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
