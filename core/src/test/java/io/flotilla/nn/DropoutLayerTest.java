package io.flotilla.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DropoutLayerTest {

    @Test
    void evaluationIsIdentity() {
        DropoutLayer layer = new DropoutLayer("dropout1", new int[] {3}, 0.5f, 1);
        layer.forward(new float[] {1, 2, 3}, 1, new float[0], false, null);
        assertArrayEquals(new float[] {1, 2, 3}, layer.output, 0f);
    }

    @Test
    void trainingDropsAboutTheRateAndScalesTheRest() {
        int n = 20_000;
        DropoutLayer layer = new DropoutLayer("dropout1", new int[] {n}, 0.25f, 1);
        float[] x = new float[n];
        java.util.Arrays.fill(x, 3f);
        layer.forward(x, 1, new float[0], true, new SplittableRandom(9));
        int zeros = 0;
        for (float v : layer.output) {
            if (v == 0f) {
                zeros++;
            } else {
                assertEquals(4f, v, 1e-6f);
            }
        }
        assertTrue(Math.abs(zeros - n / 4) < 400, "dropped " + zeros + " of " + n);
    }

    @Test
    void sameSeedSameMaskAndBackwardUsesIt() {
        DropoutLayer a = new DropoutLayer("d", new int[] {50}, 0.5f, 1);
        DropoutLayer b = new DropoutLayer("d", new int[] {50}, 0.5f, 1);
        float[] x = GradientCheck.random(new SplittableRandom(1), 50, 1.0);
        a.forward(x, 1, new float[0], true, new SplittableRandom(42));
        b.forward(x, 1, new float[0], true, new SplittableRandom(42));
        assertArrayEquals(a.output, b.output, 0f);
        float[] g = new float[50];
        java.util.Arrays.fill(g, 1f);
        a.backward(x, g, 1, new float[0], new float[0], true);
        for (int i = 0; i < 50; i++) {
            assertEquals(a.output[i] == 0f ? 0f : 2f, a.gradInput[i], 0f);
        }
    }
}
