package io.flotilla.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SoftmaxCrossEntropyTest {

    @Test
    void uniformLogitsGiveLogOfClassCount() {
        double loss = SoftmaxCrossEntropy.lossAndGradient(new float[] {0, 0, 0, 0}, new int[] {2}, 1, 4, null);
        assertEquals(Math.log(4), loss, 1e-6);
    }

    @Test
    void knownAnswerAndGradient() {
        float[] z = {1, 2, 3};
        float[] g = new float[3];
        double loss = SoftmaxCrossEntropy.lossAndGradient(z, new int[] {0}, 1, 3, g);
        double lse = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3));
        assertEquals(lse - 1, loss, 1e-6);
        assertEquals(Math.exp(1 - lse) - 1, g[0], 1e-6);
        assertEquals(Math.exp(2 - lse), g[1], 1e-6);
        assertEquals(Math.exp(3 - lse), g[2], 1e-6);
    }

    @Test
    void hugeLogitsStayFinite() {
        float[] g = new float[3];
        double loss = SoftmaxCrossEntropy.lossAndGradient(new float[] {1e30f, -1e30f, 0}, new int[] {1}, 1, 3, g);
        assertTrue(Double.isFinite(loss));
        assertEquals(2e30, loss, 1e24);
        for (float v : g) {
            assertTrue(Float.isFinite(v));
        }
        assertEquals(1f, g[0], 1e-6f);
        assertEquals(-1f, g[1], 1e-6f);
    }

    @Test
    void gradientOfMeanLossMatchesFiniteDifferences() {
        SplittableRandom rng = new SplittableRandom(11);
        int batch = 3;
        int classes = 5;
        float[] z = GradientCheck.random(rng, batch * classes, 3.0);
        int[] y = {4, 0, 2};
        float[] g = new float[z.length];
        SoftmaxCrossEntropy.lossAndGradient(z, y, batch, classes, g);
        float eps = 1e-2f;
        for (int i = 0; i < z.length; i++) {
            float keep = z[i];
            z[i] = keep + eps;
            double up = SoftmaxCrossEntropy.lossAndGradient(z, y, batch, classes, null) / batch;
            z[i] = keep - eps;
            double down = SoftmaxCrossEntropy.lossAndGradient(z, y, batch, classes, null) / batch;
            z[i] = keep;
            assertEquals((up - down) / (2 * eps), g[i], 1e-4, "logit " + i);
        }
    }

    @Test
    void countsArgmaxHits() {
        float[] z = {0, 5, 1, 9, 2, 3};
        assertEquals(1, SoftmaxCrossEntropy.countCorrect(z, new int[] {1, 1}, 2, 3));
        assertEquals(2, SoftmaxCrossEntropy.countCorrect(z, new int[] {1, 0}, 2, 3));
    }

    @Test
    void labelOutOfRangeIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SoftmaxCrossEntropy.lossAndGradient(new float[] {0, 0}, new int[] {2}, 1, 2, null));
        assertTrue(e.getMessage().contains("label 2"), e.getMessage());
    }
}
