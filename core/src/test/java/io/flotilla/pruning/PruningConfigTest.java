package io.flotilla.pruning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** How {@link PruningConfig#fromMap} reads numbers: defaults, required settings and malformed values. */
class PruningConfigTest {

    @Test
    void gradualScheduleTakesItsDefaultsForInitialSparsityAndFrequency() {
        PruningConfig c = PruningConfig.fromMap(Map.of("schedule", "gradual", "final-sparsity", "0.9",
                "start-round", 3L, "end-round", 7.0));
        assertEquals(new PruningSchedule.Gradual(0f, 0.9f, 3, 7, 1), c.schedule());
    }

    @Test
    void aSettingWithoutDefaultIsRequiredAndNamedInTheError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PruningConfig.fromMap(Map.of("schedule", "one-shot", "round", 2)));
        assertEquals("pruning setting 'sparsity' is required", e.getMessage());
    }

    @Test
    void aFractionalIntegerIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PruningConfig.fromMap(Map.of("schedule", "one-shot", "round", 2.5, "sparsity", 0.5)));
        assertEquals("pruning setting 'round' must be an integer, got '2.5'", e.getMessage());
    }

    @Test
    void aNumberThatDoesNotParseIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PruningConfig.fromMap(Map.of("schedule", "one-shot", "round", 2, "sparsity", "half")));
        assertEquals("pruning setting 'sparsity' must be a number, got 'half'", e.getMessage());
    }
}
