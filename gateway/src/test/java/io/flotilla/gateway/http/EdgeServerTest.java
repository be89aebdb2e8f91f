package io.flotilla.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.http.javadsl.settings.ServerSettings;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EdgeServerTest {

    @Test
    void theLimitsBecomeAkkaHttpServerSettings() {
        EdgeLimits limits = new EdgeLimits(123, Duration.ofSeconds(7), Duration.ofSeconds(9), 4096, 16 * 1024,
                1024 * 1024, 5, 10);
        ServerSettings s = EdgeServer.settings(ConfigFactory.load(), limits);
        assertEquals(123, s.getMaxConnections());
        assertEquals(4096, s.getParserSettings().getMaxHeaderValueLength());
        assertTrue(s.getParserSettings().getIncludeSslSessionAttribute(), "the handler reads the peer from it");
        assertTrue(s.getRemoteAddressAttribute());
        // The backstop is above every per-endpoint cap, which answer in JSON.
        assertTrue(s.getParserSettings().getMaxContentLength() > limits.maxChunkBytes());
        assertEquals(7000, s.getTimeouts().idleTimeout().toMillis());
        // Akka's own request timeout trails the handler's, so that the handler's JSON 503 answers first.
        assertTrue(s.getTimeouts().requestTimeout().toMillis() > 9000);
    }
}
