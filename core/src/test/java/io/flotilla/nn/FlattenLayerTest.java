package io.flotilla.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FlattenLayerTest {

    @Test
    void sharesBuffersInsteadOfCopying() {
        FlattenLayer layer = new FlattenLayer("flatten1", new int[] {2, 2, 2}, 2);
        float[] x = new float[16];
        layer.forward(x, 2, new float[0], true, null);
        assertSame(x, layer.output);
        assertArrayEquals(new int[] {8}, layer.outShape);
    }

    @Test
    void backwardMatchesFiniteDifferences() {
        SplittableRandom rng = new SplittableRandom(6);
        FlattenLayer layer = new FlattenLayer("flatten1", new int[] {2, 2, 3}, 2);
        GradientCheck.check(layer, GradientCheck.random(rng, 24, 1.0), 2, new float[0], 0, 0, 1e-2f, rng);
    }
}
