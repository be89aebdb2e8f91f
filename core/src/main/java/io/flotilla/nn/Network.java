package io.flotilla.nn;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A {@link ModelSpec} instantiated for a batch capacity: the layers with their buffers, the input batch, labels,
 * logits gradient and one flat gradient array in the model's layout. Everything is allocated here, once; a
 * training step allocates nothing. Batches smaller than the capacity (the last one of an epoch) reuse the
 * buffers. Not thread-safe.
 */
final class Network {
    private final ModelSpec spec;
    private final Layer[] layers;
    private final int capacity;
    final float[] input;
    final int[] labels;
    final float[] gradients;
    private final float[] logitGrad;

    Network(ModelSpec spec, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("batch capacity must be at least 1, got " + capacity);
        }
        this.spec = spec;
        this.capacity = capacity;
        List<Layer> built = spec.buildLayers(capacity);
        this.layers = built.toArray(new Layer[0]);
        this.input = new float[Math.multiplyExact(capacity, LayerSpec.size(spec.inputShape()))];
        this.labels = new int[capacity];
        this.gradients = new float[spec.layout().totalSize()];
        this.logitGrad = new float[capacity * spec.numClasses()];
    }

    ModelSpec spec() {
        return spec;
    }

    int capacity() {
        return capacity;
    }

    /** Runs the layers on the first {@code batch} rows of {@link #input}; returns the logits buffer. */
    float[] forward(int batch, float[] params, boolean training, SplittableRandom rng) {
        float[] x = input;
        for (Layer layer : layers) {
            layer.forward(x, batch, params, training, rng);
            x = layer.output;
        }
        return x;
    }

    /**
     * One training pass over the batch in {@link #input}/{@link #labels}: forward, loss, backward. Fills
     * {@link #gradients} with the gradient of the mean loss and returns the summed loss. {@code correct[0]}
     * receives the number of correct predictions.
     */
    double forwardBackward(int batch, float[] params, SplittableRandom rng, int[] correct) {
        float[] logits = forward(batch, params, true, rng);
        int classes = spec.numClasses();
        double loss = SoftmaxCrossEntropy.lossAndGradient(logits, labels, batch, classes, logitGrad);
        correct[0] = SoftmaxCrossEntropy.countCorrect(logits, labels, batch, classes);
        float[] g = logitGrad;
        for (int i = layers.length - 1; i >= 0; i--) {
            float[] in = i == 0 ? input : layers[i - 1].output;
            layers[i].backward(in, g, batch, params, gradients, i > 0);
            g = layers[i].gradInput;
        }
        return loss;
    }
}
