package io.flotilla.pruning.compression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CompressionConfigTest {

    @Test
    void methodsBuildTheirCodecs() {
        assertTrue(CompressionConfig.none().codec().isEmpty());
        assertEquals("top-k", CompressionConfig.fromMap(Map.of("method", "top-k")).codec().orElseThrow().name());
        assertEquals("q8", CompressionConfig.fromMap(Map.of("method", "q8")).codec().orElseThrow().name());
        CompressionConfig c = CompressionConfig.fromMap(Map.of("method", "top-k+q8", "fraction", 0.05,
                "chunk-size", "512", "error-feedback", false));
        assertEquals(new CompressionConfig("top-k+q8", 0.05f, 512, false), c);
        assertEquals("top-k+q8", c.codec().orElseThrow().name());
    }

    @Test
    void readsAHoconSectionAndRefusesCompressionUnderSecureAggregation() {
        CompressionConfig c = CompressionConfig.fromConfig(com.typesafe.config.ConfigFactory.parseString(
                "method = top-k, fraction = 0.01, error-feedback = true"));
        assertEquals(new CompressionConfig("top-k", 0.01f, 4096, true), c);
        assertTrue(c.incompatibility(true).orElseThrow().contains("secagg"));
        assertTrue(c.incompatibility(false).isEmpty());
        assertTrue(CompressionConfig.none().incompatibility(true).isEmpty());
    }

    @Test
    void badSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> CompressionConfig.fromMap(Map.of("method", "zip")));
        assertThrows(IllegalArgumentException.class, () -> CompressionConfig.fromMap(Map.of("frac", 0.1)));
        assertThrows(IllegalArgumentException.class,
                () -> CompressionConfig.fromMap(Map.of("method", "top-k", "fraction", 0)));
        assertThrows(IllegalArgumentException.class,
                () -> CompressionConfig.fromMap(Map.of("method", "q8", "error-feedback", "yes")));
    }

    @Test
    void theScenarioVocabularyMapsToMethods() {
        assertEquals(new CompressionConfig("top-k", 0.01f, 4096, true),
                CompressionConfig.fromSettings("compression", 0.01, 0, true, 4096));
        assertEquals(new CompressionConfig("top-k+q8", 0.05f, 256, false),
                CompressionConfig.fromSettings("compression", 0.05, 8, false, 256));
        assertEquals("q8", CompressionConfig.fromSettings("compression", 0, 8, true, 4096).method());
        assertEquals("none", CompressionConfig.fromSettings("compression", 0, 0, true, 4096).method());
        IllegalArgumentException bits = assertThrows(IllegalArgumentException.class,
                () -> CompressionConfig.fromSettings("flotilla.compression", 0, 4, true, 4096));
        assertTrue(bits.getMessage().contains("flotilla.compression.quantize_bits") && bits.getMessage().contains("4"),
                bits.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CompressionConfig.fromSettings("c", 1.5, 0, true, 4096));
        assertThrows(IllegalArgumentException.class, () -> CompressionConfig.fromSettings("c", 0.1, 8, true, 0));
    }
}
