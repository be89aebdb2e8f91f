package io.flotilla.aggregation;

import static io.flotilla.aggregation.Fixtures.params;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class FedAdagradTest {

    @Test
    void accumulatesSquaredDeltasAndScalesTheStep() {
        FedAdagrad s = new FedAdagrad(0.1f, 1f);
        // round 1: v = [9, 16], step = 0.1 * [3 / (3 + 1), -4 / (4 + 1)] = [0.075, -0.08]
        float[] g1 = Fixtures.round(s, 1, params(0f, 0f), new float[] {3, -4});
        assertArrayEquals(new float[] {0.075f, -0.08f}, g1, 1e-7f);
        // round 2: delta [0, 3], v = [9, 25], step = [0, 0.1 * 3 / (5 + 1)] = [0, 0.05]
        float[] g2 = Fixtures.round(s, 2, params(g1), new float[] {0, 3});
        assertArrayEquals(new float[] {0.075f, -0.03f}, g2, 1e-7f);
        assertArrayEquals(new float[] {9f, 25f}, s.state().get("v"));
        assertArrayEquals(new float[] {0f, 3f}, s.state().get("m"));
    }

    @Test
    void invalidHyperparametersAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new FedAdagrad(0f, 1e-9f));
        assertThrows(IllegalArgumentException.class, () -> new FedAdagrad(0.1f, 0f));
        assertThrows(IllegalArgumentException.class, () -> new FedAdagrad(Float.NaN, 1f));
    }
}
