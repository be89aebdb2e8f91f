package io.flotilla.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ReluLayerTest {

    @Test
    void forwardClampsNegatives() {
        ReluLayer layer = new ReluLayer("relu1", new int[] {4}, 1);
        layer.forward(new float[] {-1, 0, 2, -0.5f}, 1, new float[0], false, null);
        assertArrayEquals(new float[] {0, 0, 2, 0}, layer.output, 0f);
    }

    @Test
    void backwardMatchesFiniteDifferences() {
        SplittableRandom rng = new SplittableRandom(5);
        float[] x = GradientCheck.random(rng, 3 * 10, 1.0);
        for (int i = 0; i < x.length; i++) {
            // keep every input away from the kink at 0
            x[i] = x[i] >= 0 ? x[i] + 0.05f : x[i] - 0.05f;
        }
        ReluLayer layer = new ReluLayer("relu1", new int[] {2, 5}, 3);
        GradientCheck.check(layer, x, 3, new float[0], 0, 0, 1e-2f, rng);
    }
}
