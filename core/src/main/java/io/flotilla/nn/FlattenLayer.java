package io.flotilla.nn;

import java.util.SplittableRandom;

/** Reshape to a vector: NCHW rows are already contiguous, so output and gradient are the same arrays. */
final class FlattenLayer extends Layer {

    FlattenLayer(String name, int[] inShape, int capacity) {
        super(name, inShape, new int[] {LayerSpec.size(inShape)}, capacity);
    }

    @Override
    void forward(float[] in, int batch, float[] params, boolean training, SplittableRandom rng) {
        output = in;
    }

    @Override
    void backward(float[] in, float[] gradOut, int batch, float[] params, float[] grads, boolean needInputGrad) {
        gradInput = gradOut;
    }
}
