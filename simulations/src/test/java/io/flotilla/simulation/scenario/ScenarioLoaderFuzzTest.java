package io.flotilla.simulation.scenario;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Scenario files are user input: whatever their text, loading either gives a valid scenario or a
 * {@link ScenarioException} naming the problem, never another exception.
 */
class ScenarioLoaderFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void arbitraryScenarioTextFailsOnlyWithAScenarioError(byte[] input) throws IOException {
        Path file = Files.createTempFile("scenario", ".conf");
        try {
            Files.writeString(file, new String(input, StandardCharsets.UTF_8));
            try {
                Scenario s = ScenarioLoader.load(file, List.of());
                if (s.rounds() < 1 || s.cohortSize() < 1 || s.cohortSize() > s.clients()) {
                    throw new AssertionError("an invalid scenario was accepted: " + s);
                }
            } catch (ScenarioException expected) {
                // the documented outcome for bad input
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** {@code --set} values, list-valued keys ({@code partition.label_sets}) included, fail only as scenario errors. */
    @FuzzTest(maxDuration = "30s")
    void arbitraryOverridesFailOnlyWithAScenarioError(FuzzedDataProvider data) {
        List<String> keys = List.copyOf(ScenarioLoader.keys());
        List<String> overrides = new ArrayList<>();
        int n = data.consumeInt(1, 3);
        for (int i = 0; i < n; i++) {
            String key = data.consumeBoolean() ? keys.get(data.consumeInt(0, keys.size() - 1)) : data.consumeString(20);
            overrides.add(key + "=" + data.consumeString(200));
        }
        try {
            Scenario s = ScenarioLoader.load(null, overrides);
            if (s.rounds() < 1 || s.cohortSize() < 1 || s.cohortSize() > s.clients()
                    || !s.partition().labelSets().isEmpty() && s.partition().labelSets().size() != s.clients()) {
                throw new AssertionError("an invalid scenario was accepted: " + s);
            }
        } catch (ScenarioException expected) {
            // the documented outcome for bad input
        }
    }
}
