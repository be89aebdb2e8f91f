package io.flotilla.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.flotilla.pruning.compression.CompressionConfig;
import org.junit.jupiter.api.Test;

class CompressionSectionTest {

    private static CompressionConfig read(String hocon) {
        return CompressionSection.from(ConfigFactory.parseString(hocon), "flotilla.compression");
    }

    @Test
    void anAbsentOrZeroSectionMeansNoCompression() {
        assertEquals(CompressionConfig.none(), CompressionSection.from(ConfigFactory.empty(), "flotilla.compression"));
        assertEquals("none", read("flotilla.compression { topk = 0, quantize_bits = 0 }").method());
    }

    @Test
    void readsTopKQuantisationAndErrorFeedback() {
        assertEquals(new CompressionConfig("top-k", 0.01f, 4096, true), read("flotilla.compression.topk = 0.01"));
        assertEquals(new CompressionConfig("top-k+q8", 0.02f, 64, false), read(
                "flotilla.compression { topk = 0.02, quantize_bits = 8, error_feedback = false, chunk_size = 64 }"));
        assertEquals("q8", read("flotilla.compression.quantize_bits = 8").method());
    }

    @Test
    void unknownKeysBadValuesAndTinyChunksAreRefusedNamingTheKey() {
        IllegalArgumentException typo = assertThrows(IllegalArgumentException.class,
                () -> read("flotilla.compression.top_k = 0.01"));
        assertTrue(typo.getMessage().contains("top_k") && typo.getMessage().contains("topk"), typo.getMessage());
        IllegalArgumentException bits = assertThrows(IllegalArgumentException.class,
                () -> read("flotilla.compression.quantize_bits = 4"));
        assertTrue(bits.getMessage().contains("flotilla.compression.quantize_bits"), bits.getMessage());
        IllegalArgumentException chunk = assertThrows(IllegalArgumentException.class,
                () -> read("flotilla.compression { quantize_bits = 8, chunk_size = 8 }"));
        assertTrue(chunk.getMessage().contains("chunk_size") && chunk.getMessage().contains("16"),
                chunk.getMessage());
        assertThrows(IllegalArgumentException.class, () -> read("flotilla.compression.topk = 2"));
        assertThrows(IllegalArgumentException.class, () -> read("flotilla.compression.error_feedback = maybe"));
    }
}
