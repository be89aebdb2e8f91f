package io.flotilla.simulation.faults;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * What a malicious client does to its update (or its data, for label flipping). Applied by the simulation to
 * the chosen clients only; the federation's own code does not know which clients are malicious.
 */
public enum AttackKind {
    /** Honest. */
    NONE,
    /** Sends {@code -scale * delta}: pushes the model away from the honest direction. */
    SIGN_FLIP,
    /** Sends {@code scale * delta}: model replacement by boosting (Bagdasaryan et al. 2020). */
    SCALE,
    /** Sends Gaussian noise with standard deviation {@code scale} instead of its delta. */
    NOISE,
    /** Trains on labels mapped {@code l -> numClasses - 1 - l}; the update itself is left alone. */
    LABEL_FLIP;

    public static AttackKind parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown attack '" + name + "'; expected one of none, sign_flip, scale,"
                    + " noise, label_flip", e);
        }
    }

    /** True when the attack changes the update after training rather than the training data. */
    public boolean altersUpdate() {
        return this == SIGN_FLIP || this == SCALE || this == NOISE;
    }

    /** Applies the attack to {@code delta}; modifies {@code delta}. */
    public void applyInPlace(float[] delta, double scale, SplittableRandom rng) {
        switch (this) {
            case SIGN_FLIP -> multiply(delta, (float) -scale);
            case SCALE -> multiply(delta, (float) scale);
            case NOISE -> gaussian(delta, scale, rng);
            default -> {
                // NONE and LABEL_FLIP leave the update as trained.
            }
        }
    }

    /** The label a label-flipping client trains on instead of {@code label}. */
    public static int flippedLabel(int label, int numClasses) {
        return numClasses - 1 - label;
    }

    private static void multiply(float[] x, float f) {
        for (int i = 0; i < x.length; i++) {
            x[i] *= f;
        }
    }

    private static void gaussian(float[] x, double std, SplittableRandom rng) {
        // Marsaglia's polar method, two normals per accepted pair.
        int i = 0;
        while (i < x.length) {
            double u;
            double v;
            double s;
            do {
                u = 2 * rng.nextDouble() - 1;
                v = 2 * rng.nextDouble() - 1;
                s = u * u + v * v;
            } while (s >= 1 || s == 0);
            double m = Math.sqrt(-2 * Math.log(s) / s) * std;
            x[i++] = (float) (u * m);
            if (i < x.length) {
                x[i++] = (float) (v * m);
            }
        }
    }
}
