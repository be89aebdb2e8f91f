package io.flotilla.pruning;

import io.flotilla.model.ModelLayout;
import io.flotilla.model.ParameterSet;
import io.flotilla.model.TensorKind;
import io.flotilla.model.TensorSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A round's parameter counts for reports: total and non-zero, by kind (weights, biases, other) and per tensor.
 *
 * @param round the round the counts describe
 * @param total parameters in the model
 * @param nonZero parameters that are not exactly zero
 * @param byKind counts per tensor kind (every kind present, possibly zero)
 * @param layers counts per tensor in layout order
 */
public record ParameterCounts(int round, long total, long nonZero, Map<TensorKind, Count> byKind,
                              List<LayerCount> layers) {

    /** Total and non-zero parameters of a group. */
    public record Count(long total, long nonZero) {
        public Count {
            if (total < 0 || nonZero < 0 || nonZero > total) {
                throw new IllegalArgumentException("need 0 <= nonZero <= total, got " + nonZero + " of " + total);
            }
        }

        /** Fraction of zeros, 0 for an empty group. */
        public double sparsity() {
            return total == 0 ? 0 : 1 - (double) nonZero / total;
        }
    }

    /** Counts of one tensor. */
    public record LayerCount(String name, TensorKind kind, Count count) {
    }

    public ParameterCounts {
        byKind = Collections.unmodifiableMap(new EnumMap<>(byKind));
        layers = List.copyOf(layers);
        if (nonZero < 0 || nonZero > total) {
            throw new IllegalArgumentException("need 0 <= nonZero <= total, got " + nonZero + " of " + total);
        }
    }

    /** Counts of {@code parameters} at {@code round}. */
    public static ParameterCounts of(int round, ParameterSet parameters) {
        ModelLayout layout = parameters.layout();
        float[] v = parameters.values();
        long[] kindTotal = new long[TensorKind.values().length];
        long[] kindNonZero = new long[TensorKind.values().length];
        List<LayerCount> layers = new ArrayList<>(layout.tensorCount());
        long nonZero = 0;
        for (int t = 0; t < layout.tensorCount(); t++) {
            TensorSpec spec = layout.tensor(t);
            int nz = io.flotilla.model.FloatKernels.countNonZero(spec.size(), v, layout.offset(t));
            layers.add(new LayerCount(spec.name(), spec.kind(), new Count(spec.size(), nz)));
            kindTotal[spec.kind().ordinal()] += spec.size();
            kindNonZero[spec.kind().ordinal()] += nz;
            nonZero += nz;
        }
        Map<TensorKind, Count> byKind = new EnumMap<>(TensorKind.class);
        for (TensorKind k : TensorKind.values()) {
            byKind.put(k, new Count(kindTotal[k.ordinal()], kindNonZero[k.ordinal()]));
        }
        return new ParameterCounts(round, layout.totalSize(), nonZero, byKind, layers);
    }

    /** Fraction of zeros over the whole model. */
    public double sparsity() {
        return total == 0 ? 0 : 1 - (double) nonZero / total;
    }
}
