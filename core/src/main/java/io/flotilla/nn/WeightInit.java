package io.flotilla.nn;

import java.util.Locale;

/**
 * How {@link ModelSpec#initialize(long, WeightInit)} draws a model's first parameters. Comparing a result with a
 * PyTorch one is cleanest from the same start: the two schemes differ 2.4 times in scale. On NIID-Bench's
 * {@code #C=2} draw the scheme changed little (the draw's label structure decided the accuracy; see
 * benchmarks/simulations.md).
 */
public enum WeightInit {
    /**
     * He-uniform ({@code limit sqrt(6 / fanIn)}) for a layer followed by a ReLU, Glorot-uniform
     * ({@code sqrt(6 / (fanIn + fanOut))}) otherwise, zero biases: Keras' recommendation for ReLU networks.
     */
    HE("he"),
    /**
     * PyTorch's default for {@code Linear} and {@code Conv2d} ({@code kaiming_uniform_(a = sqrt(5))}): weights and
     * biases uniform in {@code +-1 / sqrt(fanIn)}, the start every PyTorch reference result (NIID-Bench, Flower's
     * baselines) trains from.
     */
    TORCH("torch");

    private final String configName;

    WeightInit(String configName) {
        this.configName = configName;
    }

    /** The name used in configuration files and on the command line. */
    public String configName() {
        return configName;
    }

    /** The scheme called {@code name} (case-insensitive); an error lists the valid names. */
    public static WeightInit parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (WeightInit w : values()) {
            if (w.configName.equals(n)) {
                return w;
            }
        }
        throw new IllegalArgumentException("unknown weight initialisation '" + name + "'; use he or torch");
    }
}
