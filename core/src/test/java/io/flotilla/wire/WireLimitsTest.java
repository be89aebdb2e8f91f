package io.flotilla.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;

class WireLimitsTest {

    @Test
    void referenceConfMatchesTheDefaults() {
        assertEquals(WireLimits.DEFAULT, WireLimits.fromConfig(ConfigFactory.load()));
        assertEquals(240 * 1024, WireLimits.DEFAULT.maxMessageBytes());
    }

    @Test
    void invalidLimitsAreRejectedWithTheValue() {
        IllegalArgumentException tiny = assertThrows(IllegalArgumentException.class, () -> new WireLimits(10, 100));
        assertEquals("maxMessageBytes must be at least 1024, got 10", tiny.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new WireLimits(4096, 0));
        assertThrows(IllegalArgumentException.class, () -> new WireLimits(4096, Long.MAX_VALUE));
        var config = ConfigFactory.parseString("flotilla.wire.max-message-size = 8 GiB")
                .withFallback(ConfigFactory.load());
        IllegalArgumentException huge = assertThrows(IllegalArgumentException.class,
                () -> WireLimits.fromConfig(config));
        assertTrue(huge.getMessage().contains("flotilla.wire.max-message-size"), huge.getMessage());
    }
}
