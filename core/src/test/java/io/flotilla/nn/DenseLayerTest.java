package io.flotilla.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DenseLayerTest {

    @Test
    void forwardIsInputTimesWeightTransposedPlusBias() {
        // W = [[1, 2, 3], [4, 5, 6]] ([out=2, in=3]), b = [0.5, -1], stored after two unrelated values.
        float[] params = {9, 9, 1, 2, 3, 4, 5, 6, 0.5f, -1};
        DenseLayer layer = new DenseLayer("fc1", new int[] {3}, 2, 4, 2, 8);
        float[] x = {1, 0, -1, 2, 1, 0};
        layer.forward(x, 2, params, false, null);
        assertArrayEquals(new float[] {1 - 3 + 0.5f, 4 - 6 - 1, 2 + 2 + 0.5f, 8 + 5 - 1},
                java.util.Arrays.copyOf(layer.output, 4));
    }

    @Test
    void backwardMatchesFiniteDifferences() {
        SplittableRandom rng = new SplittableRandom(1);
        int in = 7;
        int out = 5;
        int batch = 3;
        float[] params = GradientCheck.random(rng, 3 + out * in + out + 2, 0.5);
        DenseLayer layer = new DenseLayer("fc1", new int[] {in}, out, 4, 3, 3 + out * in);
        float[] x = GradientCheck.random(rng, 4 * in, 1.0);
        int n = GradientCheck.check(layer, x, batch, params, 3, 3 + out * in + out, 1e-2f, rng);
        assertEquals(batch * in + out * in + out, n);
    }

    @Test
    void acceptsImageInputAsAFlatVector() {
        SplittableRandom rng = new SplittableRandom(2);
        float[] params = GradientCheck.random(rng, 3 * 2 * 2 * 2 + 3, 0.5);
        DenseLayer layer = new DenseLayer("fc1", new int[] {2, 2, 2}, 3, 2, 0, 24);
        GradientCheck.check(layer, GradientCheck.random(rng, 16, 1.0), 2, params, 0, params.length, 1e-2f, rng);
    }
}
