package io.flotilla.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class GatewaySettingsTest {

    private static Config config(String hocon) {
        return ConfigFactory.parseString(hocon).withFallback(ConfigFactory.defaultReference()).resolve();
    }

    @Test
    void defaultsAndDerivedPaths() {
        GatewaySettings s = GatewaySettings.from(config("flotilla.keys { dir = \"/k\", name = gw1 }"));
        assertEquals("127.0.0.1", s.host());
        assertEquals(8443, s.port());
        assertEquals(1024 * 1024, s.limits().maxChunkBytes());
        assertEquals(16 * 1024, s.limits().maxJsonBytes());
        assertEquals(Duration.ofSeconds(5), s.retryAfter());
        assertEquals(Path.of("/k/ca.crl"), s.crl());
        assertEquals(Path.of("/k"), s.enrolledDir());
        assertEquals("gw1", s.name());
    }

    @Test
    void aGatewayWithoutKeysOrWithBadLimitsDoesNotStart() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GatewaySettings.from(config("")));
        assertTrue(e.getMessage().contains("--role gateway"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> GatewaySettings.from(config(
                "flotilla.keys { dir = \"/k\", name = gw1 }, flotilla.gateway.http.port = 70000")));
        assertThrows(IllegalArgumentException.class, () -> GatewaySettings.from(config(
                "flotilla.keys { dir = \"/k\", name = gw1 }, flotilla.gateway.limits.rate = 0")));
        assertThrows(RuntimeException.class, () -> GatewaySettings.from(config(
                "flotilla.keys { dir = \"/k\", name = gw1 }, flotilla.gateway.limits.idle-timeout = 0s")));
    }
}
