package io.flotilla.aggregation;

import static io.flotilla.aggregation.Fixtures.params;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class FedAdamTest {

    @Test
    void followsFlowersBiasCorrectedAdamStep() {
        FedAdam s = new FedAdam(1f, 0.5f, 0.75f, 1f);
        // round 1, delta 2: m = 0.5 * 2 = 1, v = 0.25 * 4 = 1,
        // etaNorm = sqrt(1 - 0.75^2) / (1 - 0.5^2) (Flower's exponent is round + 1), step = etaNorm * 1 / (1 + 1)
        double eta1 = Math.sqrt(1 - 0.5625) / 0.75;
        float[] g1 = Fixtures.round(s, 1, params(0f), new float[] {2});
        assertEquals(eta1 / 2, g1[0], 1e-6);
        // round 2, delta -2: m = 0.5 - 1 = -0.5, v = 0.75 + 1 = 1.75, etaNorm = sqrt(1 - 0.75^3) / (1 - 0.5^3)
        double eta2 = Math.sqrt(1 - 0.421875) / 0.875;
        float[] g2 = Fixtures.round(s, 2, params(g1), new float[] {-2});
        assertEquals(eta1 / 2 + eta2 * -0.5 / (Math.sqrt(1.75) + 1), g2[0], 1e-6);
        assertArrayEquals(new float[] {-0.5f}, s.state().get("m"));
        assertArrayEquals(new float[] {1.75f}, s.state().get("v"));
    }

    @Test
    void stepSizeUsesRoundPlusOne() {
        assertEquals(0.1 * Math.sqrt(1 - Math.pow(0.99, 4)) / (1 - Math.pow(0.9, 4)),
                ServerOptimizerMath.adamStepSize(3, 0.1f, 0.9f, 0.99f), 1e-7);
    }

    @Test
    void invalidHyperparametersAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new FedAdam(0.1f, 1f, 0.99f, 1e-9f));
        assertThrows(IllegalArgumentException.class, () -> new FedAdam(0.1f, 0.9f, 1.5f, 1e-9f));
        assertThrows(IllegalArgumentException.class, () -> new FedAdam(-1f, 0.9f, 0.99f, 1e-9f));
    }
}
