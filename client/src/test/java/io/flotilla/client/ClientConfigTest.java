package io.flotilla.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.flotilla.pruning.compression.CompressionConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ClientConfigTest {

    private static ClientConfig parse(String hocon) {
        return ClientConfig.from(ConfigFactory.parseString(hocon).withFallback(ConfigFactory.load()).resolve());
    }

    @Test
    void readsThePartitionAndDefaults() {
        ClientConfig c = parse("flotilla.client { id = dev-7, data.partition { index = 2, count = 5 }, "
                + "data.dir = /data }");
        assertEquals("dev-7", c.clientId());
        assertEquals("mnist-2nn", c.model());
        assertEquals(2, c.partitionIndex());
        assertEquals(5, c.partitionCount());
        assertEquals(Path.of("/data"), c.dataDir());
        assertNull(parse("flotilla.client.id = x").dataDir());
    }

    @Test
    void errorsNameTheKey() {
        assertEquals("flotilla.client.id must be set (a unique name for this client)",
                assertThrows(IllegalArgumentException.class, () -> parse("")).getMessage());
        assertEquals("flotilla.client.data.partition.index must be < partition.count (3), got 3",
                assertThrows(IllegalArgumentException.class, () -> parse(
                        "flotilla.client { id = a, data.partition { index = 3, count = 3 } }")).getMessage());
        assertEquals("flotilla.client.data.partition.count must be >= 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> parse(
                        "flotilla.client { id = a, data.partition.count = 0 }")).getMessage());
    }

    @Test
    void readsTheCompressionOfUpdates() {
        assertEquals("none", parse("flotilla.client.id = x").compression().method());
        ClientConfig c = parse("flotilla.client { id = x, compression { topk = 0.01, quantize_bits = 8 } }");
        assertEquals(new CompressionConfig("top-k+q8", 0.01f, 4096, true), c.compression());
        IllegalArgumentException secagg = assertThrows(IllegalArgumentException.class, () -> parse(
                "flotilla.client { id = x, security = secagg, compression.topk = 0.01 }"));
        assertTrue(secagg.getMessage().contains("secagg") && secagg.getMessage().contains("compression"),
                secagg.getMessage());
        assertThrows(IllegalArgumentException.class, () -> parse(
                "flotilla.client { id = x, compression.quantize_bits = 7 }"));
    }
}
