package io.flotilla.aggregation;

import static io.flotilla.aggregation.Fixtures.params;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class FedYogiTest {

    @Test
    void secondMomentMovesBySignOfTheGap() {
        FedYogi s = new FedYogi(1f, 0.5f, 0.75f, 1f);
        // round 1, delta 2: v = 0 - 0.25 * 4 * sign(0 - 4) = 1, m = 1, step = 1 / (1 + 1)
        float[] g1 = Fixtures.round(s, 1, params(0f), new float[] {2});
        assertArrayEquals(new float[] {0.5f}, g1);
        // round 2, delta 1: sign(1 - 1) = 0 keeps v = 1, m = 0.5 + 0.5 = 1, step = 0.5
        float[] g2 = Fixtures.round(s, 2, params(g1), new float[] {1});
        assertArrayEquals(new float[] {1f}, g2);
        // round 3, delta 0.5: v = 1 - 0.25 * 0.25 * sign(0.75) = 0.9375, m = 0.5 + 0.25 = 0.75
        float[] g3 = Fixtures.round(s, 3, params(g2), new float[] {0.5f});
        assertEquals(1 + 0.75 / (Math.sqrt(0.9375) + 1), g3[0], 1e-6);
        assertArrayEquals(new float[] {0.9375f}, s.state().get("v"));
    }

    @Test
    void invalidHyperparametersAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new FedYogi(0.01f, 0.9f, 0.99f, 0f));
        assertThrows(IllegalArgumentException.class, () -> new FedYogi(0.01f, -0.1f, 0.99f, 1e-3f));
    }
}
