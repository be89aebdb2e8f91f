package io.flotilla.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SgdOptimizerTest {

    @Test
    void plainStepIsLearningRateTimesGradient() {
        float[] w = {1f, -2f};
        new SgdOptimizer(2, 0.5f, 0f, 0f, false).stepInPlace(w, new float[] {2f, -4f});
        assertArrayEquals(new float[] {0f, 0f}, w, 0f);
    }

    @Test
    void weightDecayAddsScaledWeights() {
        float[] w = {2f};
        new SgdOptimizer(1, 0.25f, 0f, 0.5f, false).stepInPlace(w, new float[] {1f});
        // g = 1 + 0.5 * 2 = 2; w = 2 - 0.25 * 2
        assertArrayEquals(new float[] {1.5f}, w, 0f);
    }

    @Test
    void momentumAccumulatesVelocityAsInPyTorch() {
        float[] w = {0f};
        SgdOptimizer opt = new SgdOptimizer(1, 0.5f, 0.5f, 0f, false);
        opt.stepInPlace(w, new float[] {1f}); // v = 1, w = -0.5
        opt.stepInPlace(w, new float[] {1f}); // v = 1.5, w = -1.25
        assertArrayEquals(new float[] {-1.25f}, w, 0f);
        opt.reset();
        opt.stepInPlace(w, new float[] {2f}); // v = 2 after reset, w = -2.25
        assertArrayEquals(new float[] {-2.25f}, w, 0f);
    }

    @Test
    void nesterovLooksAhead() {
        float[] w = {0f};
        SgdOptimizer opt = new SgdOptimizer(1, 0.5f, 0.5f, 0f, true);
        opt.stepInPlace(w, new float[] {1f}); // v = 1, step g + mu v = 1.5, w = -0.75
        opt.stepInPlace(w, new float[] {1f}); // v = 1.5, step 1 + 0.75 = 1.75, w = -1.625
        assertArrayEquals(new float[] {-1.625f}, w, 0f);
    }

    @Test
    void learningRateCanChangeBetweenStepsKeepingVelocity() {
        float[] w = {0f};
        SgdOptimizer opt = new SgdOptimizer(1, 0.5f, 0.5f, 0f, false);
        opt.stepInPlace(w, new float[] {1f}); // v = 1, w = -0.5
        opt.setLearningRate(0.25f);
        opt.stepInPlace(w, new float[] {1f}); // v = 1.5, w = -0.5 - 0.375
        assertArrayEquals(new float[] {-0.875f}, w, 0f);
        assertThrows(IllegalArgumentException.class, () -> opt.setLearningRate(0f));
    }

    @Test
    void mismatchedSizesAreRejected() {
        SgdOptimizer opt = new SgdOptimizer(2, 0.1f, 0.9f, 0f, false);
        assertThrows(IllegalArgumentException.class, () -> opt.stepInPlace(new float[2], new float[3]));
        assertThrows(IllegalArgumentException.class, () -> opt.stepInPlace(new float[3], new float[3]));
        assertThrows(IllegalArgumentException.class, () -> new SgdOptimizer(1, 0.1f, 0f, 0f, true));
    }
}
