package io.flotilla.simulation.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ShippedScenariosTest {
    private static Path scenarios() {
        return Path.of(System.getProperty("flotilla.repo.root", "..")).resolve("simulations/scenarios");
    }

    @Test
    void everyShippedScenarioLoadsAndValidates() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(scenarios())) {
            files = s.filter(p -> p.toString().endsWith(".conf")).sorted().toList();
        }
        assertTrue(files.size() >= 8, "scenario files found: " + files);
        for (Path f : files) {
            Scenario scenario = ScenarioLoader.load(f, List.of());
            assertTrue(scenario.rounds() >= 1, f.toString());
        }
    }

    @Test
    void niidBenchScenariosMatchThePublishedSetting() {
        for (String p : List.of("iid", "dirichlet", "labels2", "labels3", "labels2-published",
                "dirichlet-published")) {
            Scenario s = ScenarioLoader.load(scenarios().resolve("niid-bench-" + p + ".conf"), List.of());
            assertEquals(10, s.clients());
            assertEquals(10, s.cohortSize());
            assertEquals(50, s.rounds());
            assertEquals(10, s.local().epochs());
            assertEquals(64, s.local().batchSize());
            assertEquals(0.01, s.local().lr(), 0.0);
            assertEquals(0.9, s.local().momentum(), 0.0);
            assertEquals(1e-5, s.local().weightDecay(), 0.0);
            assertEquals("lenet", s.model());
            assertEquals(0.0, s.partition().testFraction(), 0.0, "NIID-Bench keeps no local test split");
        }
        assertEquals(3, ScenarioLoader.load(scenarios().resolve("niid-bench-labels3.conf"), List.of())
                .partition().labelsPerClient());
    }
}
