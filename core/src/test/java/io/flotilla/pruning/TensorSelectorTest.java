package io.flotilla.pruning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flotilla.model.ModelLayout;
import io.flotilla.model.TensorSpec;
import org.junit.jupiter.api.Test;

class TensorSelectorTest {
    private static final ModelLayout LAYOUT = ModelLayout.of(
            TensorSpec.weight("conv1.weight", 2, 3),
            TensorSpec.bias("conv1.bias", 2),
            TensorSpec.weight("dense1.weight", 3, 2),
            TensorSpec.bias("dense1.bias", 3));

    @Test
    void defaultSelectsWeightsAndKeepsBiases() {
        assertArrayEquals(new int[] {0, 2}, TensorSelector.weights().selectedTensors(LAYOUT));
    }

    @Test
    void globAndRegexPatternsSelectByNameWhateverTheKind() {
        assertArrayEquals(new int[] {0, 1}, TensorSelector.of("conv*").selectedTensors(LAYOUT));
        assertArrayEquals(new int[] {2}, TensorSelector.of("glob:dense?.weight").selectedTensors(LAYOUT));
        assertArrayEquals(new int[] {1, 3}, TensorSelector.of("regex:.*\\.bias").selectedTensors(LAYOUT));
        assertArrayEquals(new int[] {}, TensorSelector.of("conv1").selectedTensors(LAYOUT), "globs match whole names");
        assertArrayEquals(new int[] {0, 2, 3}, TensorSelector.of("*.weight", "dense1.bias").selectedTensors(LAYOUT));
    }

    @Test
    void badPatternsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TensorSelector.of("regex:("));
        assertTrue(e.getMessage().contains("regex:("), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TensorSelector.of(" "));
    }
}
