package io.flotilla.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the safetensors reader with arbitrary bytes: the only allowed outcomes are a parameter set or a
 * {@link SafetensorsFormatException}; whatever reads must write back and read again to the same content. Seeds
 * live in {@code SafetensorsFuzzTestInputs/readsArbitraryBytes}.
 */
class SafetensorsFuzzTest {
    private static final ModelLayout LAYOUT = ModelLayout.of(TensorSpec.weight("dense.weight", 2, 2),
            TensorSpec.bias("dense.bias", 2));

    @FuzzTest(maxDuration = "30s")
    void readsArbitraryBytes(byte[] input) throws SafetensorsFormatException {
        SafetensorsFile f;
        try {
            f = Safetensors.read(input);
        } catch (SafetensorsFormatException expected) {
            return;
        }
        byte[] again = Safetensors.toBytes(f.parameters(), f.metadata());
        SafetensorsFile back = Safetensors.read(again);
        assertTrue(back.parameters().contentEquals(f.parameters()));
        assertEquals(f.metadata(), back.metadata());
        try {
            ParameterSet p = Safetensors.read(input, LAYOUT);
            assertArrayEquals(p.tensorValues("dense.bias"), f.parameters().tensorValues("dense.bias"));
        } catch (SafetensorsFormatException expected) {
            // a different layout
        }
    }
}
