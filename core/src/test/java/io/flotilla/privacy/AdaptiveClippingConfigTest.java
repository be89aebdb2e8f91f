package io.flotilla.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class AdaptiveClippingConfigTest {

    @Test
    void defaultsFollowThePaper() {
        AdaptiveClippingConfig c = AdaptiveClippingConfig.defaults(100);
        assertEquals(0.5, c.targetQuantile());
        assertEquals(0.2, c.learningRate());
        assertEquals(5.0, c.countNoiseStd(), 1e-15);
    }

    @Test
    void invalidSettingsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new AdaptiveClippingConfig(0, 0.2, 1));
        assertThrows(IllegalArgumentException.class, () -> new AdaptiveClippingConfig(1, 0.2, 1));
        assertThrows(IllegalArgumentException.class, () -> new AdaptiveClippingConfig(0.5, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new AdaptiveClippingConfig(0.5, 0.2, 0));
    }
}
