package io.flotilla.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class AdamOptimizerTest {

    @Test
    void firstStepMovesEachWeightByAboutTheLearningRate() {
        // With bias correction, m_hat = g and v_hat = g^2 at t = 1, so the step is lr * g / (|g| + eps).
        float[] w = {1f, 1f, 1f};
        new AdamOptimizer(3, 0.1f, 0.9f, 0.999f, 1e-8f, 0f).stepInPlace(w, new float[] {3f, -0.001f, 0f});
        assertEquals(0.9f, w[0], 1e-6f);
        assertEquals(1.1f, w[1], 1e-5f);
        assertEquals(1f, w[2], 0f);
    }

    @Test
    void secondStepMatchesHandComputation() {
        float[] w = {0f};
        AdamOptimizer opt = new AdamOptimizer(1, 0.01f, 0.9f, 0.999f, 1e-8f, 0f);
        opt.stepInPlace(w, new float[] {1f});
        opt.stepInPlace(w, new float[] {0.5f});
        double m = 0.9 * 0.1 + 0.1 * 0.5;
        double v = 0.999 * 0.001 + 0.001 * 0.25;
        double mHat = m / (1 - 0.81);
        double vHat = v / (1 - 0.998001);
        double expected = -0.01 - 0.01 * mHat / (Math.sqrt(vHat) + 1e-8);
        assertEquals(expected, w[0], 1e-6);
    }

    @Test
    void weightDecayEntersTheGradient() {
        float[] w = {2f};
        new AdamOptimizer(1, 0.1f, 0.9f, 0.999f, 1e-8f, 1f).stepInPlace(w, new float[] {-1f});
        // g = -1 + 2 = 1 > 0, so the weight decreases by lr.
        assertEquals(1.9f, w[0], 1e-6f);
    }

    @Test
    void learningRateCanChange() {
        float[] w = {1f};
        AdamOptimizer opt = new AdamOptimizer(1, 0.1f, 0.9f, 0.999f, 1e-8f, 0f);
        opt.setLearningRate(0.01f);
        opt.stepInPlace(w, new float[] {3f});
        assertEquals(0.99f, w[0], 1e-6f);
        assertThrows(IllegalArgumentException.class, () -> opt.setLearningRate(Float.NaN));
    }

    @Test
    void resetRestartsBiasCorrection() {
        AdamOptimizer opt = new AdamOptimizer(1, 0.1f, 0.9f, 0.999f, 1e-8f, 0f);
        float[] w = {0f};
        opt.stepInPlace(w, new float[] {1f});
        opt.stepInPlace(w, new float[] {-1f});
        opt.reset();
        float[] fresh = {5f};
        opt.stepInPlace(fresh, new float[] {2f});
        assertEquals(4.9f, fresh[0], 1e-6f);
        assertThrows(IllegalArgumentException.class, () -> opt.stepInPlace(new float[2], new float[2]));
    }
}
