package io.flotilla.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.typesafe.config.ConfigFactory;
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
}
