package io.flotilla.wire.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TransferSettingsTest {

    @Test
    void referenceConfMatchesTheDefaults() {
        assertEquals(TransferSettings.DEFAULT, TransferSettings.fromConfig(ConfigFactory.load()));
    }

    @Test
    void chunkThatDoesNotFitAMessageNamesTheKeys() {
        var config = ConfigFactory.parseString("flotilla.wire.transfer.chunk-size = 240 KiB")
                .withFallback(ConfigFactory.load());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TransferSettings.fromConfig(config));
        assertTrue(e.getMessage().contains("flotilla.wire.transfer.chunk-size 245760"), e.getMessage());
        assertTrue(e.getMessage().contains("flotilla.wire.max-message-size 245760"), e.getMessage());
    }

    @Test
    void invalidValuesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new TransferSettings(100, 8, Duration.ofSeconds(1), 1, 10));
        assertThrows(IllegalArgumentException.class, () -> new TransferSettings(4096, 0, Duration.ofSeconds(1), 1, 10));
        assertThrows(IllegalArgumentException.class, () -> new TransferSettings(4096, 8, Duration.ZERO, 1, 10));
        assertThrows(IllegalArgumentException.class, () -> new TransferSettings(4096, 8, Duration.ofSeconds(1), -1, 10));
        assertThrows(IllegalArgumentException.class,
                () -> new TransferSettings(4096, 8, Duration.ofSeconds(1), 1, Long.MAX_VALUE));
    }

    @Test
    void chunkCountRoundsUp() {
        assertEquals(0, TransferSettings.chunkCount(0, 1024));
        assertEquals(1, TransferSettings.chunkCount(1, 1024));
        assertEquals(1, TransferSettings.chunkCount(1024, 1024));
        assertEquals(2, TransferSettings.chunkCount(1025, 1024));
        assertEquals(2048, TransferSettings.chunkCount(Integer.MAX_VALUE - 8, 1 << 20));
    }
}
