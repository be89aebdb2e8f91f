package io.flotilla.nn;

import java.util.SplittableRandom;

/**
 * Inverted dropout: in training each value is kept with probability {@code 1 - rate} and scaled by
 * {@code 1 / (1 - rate)}, so evaluation is the identity. The mask comes from the caller's seeded generator.
 */
final class DropoutLayer extends Layer {
    private final float rate;
    private final float[] mask;

    DropoutLayer(String name, int[] shape, float rate, int capacity) {
        super(name, shape, shape, capacity);
        this.rate = rate;
        allocate();
        this.mask = new float[capacity * inSize];
    }

    @Override
    void forward(float[] in, int batch, float[] params, boolean training, SplittableRandom rng) {
        int n = batch * inSize;
        if (!training || rate == 0f) {
            System.arraycopy(in, 0, output, 0, n);
            java.util.Arrays.fill(mask, 0, n, 1f);
            return;
        }
        float scale = 1f / (1f - rate);
        for (int i = 0; i < n; i++) {
            float m = rng.nextFloat() < rate ? 0f : scale;
            mask[i] = m;
            output[i] = in[i] * m;
        }
    }

    @Override
    void backward(float[] in, float[] gradOut, int batch, float[] params, float[] grads, boolean needInputGrad) {
        if (!needInputGrad) {
            return;
        }
        int n = batch * inSize;
        for (int i = 0; i < n; i++) {
            gradInput[i] = gradOut[i] * mask[i];
        }
    }
}
