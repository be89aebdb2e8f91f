package io.flotilla.nn;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Named models for 28x28 grey images and 10 classes (MNIST, Fashion-MNIST), with the parameter counts of the
 * papers they come from:
 * <ul>
 *   <li>{@code logreg}: multinomial logistic regression, 7,850 parameters;</li>
 *   <li>{@code mnist-2nn}: the FedAvg paper's 2NN, 784-200-200-10 with ReLU, 199,210;</li>
 *   <li>{@code cnn-mcmahan}: the FedAvg paper's CNN, two 5x5 same convolutions (32, 64) each with 2x2 max pool,
 *       FC 512, FC 10: 1,663,370;</li>
 *   <li>{@code lenet}: NIID-Bench's LeNet-style CNN, conv 6@5x5 and 16@5x5 with <em>valid</em> padding, each
 *       with 2x2 max pool, FC 120, 84, 10: 44,426 (the flattened size is 16x4x4, as in NIID-Bench).</li>
 * </ul>
 */
public final class ModelZoo {
    private static final int[] MNIST = {1, 28, 28};
    private static final Map<String, String> SPECS = new LinkedHashMap<>();

    static {
        SPECS.put("logreg", "flatten,dense:10");
        SPECS.put("mnist-2nn", "flatten,dense:200,relu,dense:200,relu,dense:10");
        SPECS.put("cnn-mcmahan", "conv:32:5:same,relu,pool:2,conv:64:5:same,relu,pool:2,flatten,dense:512,relu,"
                + "dense:10");
        SPECS.put("lenet", "conv:6:5:valid,relu,pool:2,conv:16:5:valid,relu,pool:2,flatten,dense:120,relu,"
                + "dense:84,relu,dense:10");
    }

    private ModelZoo() {
    }

    /** The names of the built-in models, in a fixed order. */
    public static List<String> names() {
        return List.copyOf(SPECS.keySet());
    }

    /** The named model; throws with the known names when there is none. */
    public static ModelSpec spec(String name) {
        String compact = SPECS.get(name);
        if (compact == null) {
            throw new IllegalArgumentException("unknown model '" + name + "'; models are " + names());
        }
        return ModelSpec.parse(name, compact, MNIST, 10);
    }
}
