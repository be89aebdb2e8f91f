package io.flotilla.nn;

import java.util.SplittableRandom;

/**
 * A layer instantiated for a batch capacity: it owns its output and input-gradient buffers, allocated once, and
 * reads its weights from (and writes its gradients into) slices of the model's flat arrays at fixed offsets.
 *
 * <p>Activations are batch-major: example {@code n} of a batch occupies {@code [n * size, (n + 1) * size)}, and
 * images are NCHW. {@link #forward} must be followed by {@link #backward} on the same input before the next
 * forward, since layers keep what backward needs (masks, argmax, im2col) from the forward pass. Not thread-safe.
 */
abstract class Layer {
    final String name;
    final int[] inShape;
    final int[] outShape;
    final int inSize;
    final int outSize;
    final int capacity;
    /** Output activations, {@code capacity * outSize}; a view layer may point it at its input. */
    float[] output;
    /** Gradient of the loss with respect to the input, {@code capacity * inSize}. */
    float[] gradInput;

    Layer(String name, int[] inShape, int[] outShape, int capacity) {
        this.name = name;
        this.inShape = inShape.clone();
        this.outShape = outShape.clone();
        this.inSize = LayerSpec.size(inShape);
        this.outSize = LayerSpec.size(outShape);
        this.capacity = capacity;
    }

    /** Allocates the default buffers; view layers skip this. */
    void allocate() {
        output = new float[capacity * outSize];
        gradInput = new float[capacity * inSize];
    }

    /**
     * Computes {@link #output} for the first {@code batch} examples of {@code in}.
     *
     * @param params the model's flat parameter array (read only)
     * @param training whether training-only behaviour (dropout) is on
     * @param rng randomness for training-only behaviour
     */
    abstract void forward(float[] in, int batch, float[] params, boolean training, SplittableRandom rng);

    /**
     * Given {@code gradOut} (gradient with respect to {@link #output}), overwrites this layer's slices of
     * {@code grads} and, when {@code needInputGrad}, fills {@link #gradInput}.
     */
    abstract void backward(float[] in, float[] gradOut, int batch, float[] params, float[] grads,
                           boolean needInputGrad);
}
