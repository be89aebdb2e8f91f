package io.flotilla.nn;

import java.util.SplittableRandom;

/** Element-wise {@code max(0, x)}; backward passes the gradient where the output is positive. */
final class ReluLayer extends Layer {

    ReluLayer(String name, int[] shape, int capacity) {
        super(name, shape, shape, capacity);
        allocate();
    }

    @Override
    void forward(float[] in, int batch, float[] params, boolean training, SplittableRandom rng) {
        int n = batch * inSize;
        for (int i = 0; i < n; i++) {
            float v = in[i];
            output[i] = v > 0f ? v : 0f;
        }
    }

    @Override
    void backward(float[] in, float[] gradOut, int batch, float[] params, float[] grads, boolean needInputGrad) {
        if (!needInputGrad) {
            return;
        }
        int n = batch * inSize;
        for (int i = 0; i < n; i++) {
            gradInput[i] = in[i] > 0f ? gradOut[i] : 0f;
        }
    }
}
