package io.flotilla.aggregation;

import io.flotilla.model.ModelLayout;
import io.flotilla.model.ParameterSet;
import io.flotilla.model.TensorSpec;
import java.util.Optional;

/** Small helpers shared by the aggregation tests. */
final class Fixtures {
    private Fixtures() {
    }

    static ModelLayout layout(int n) {
        return ModelLayout.of(TensorSpec.weight("w", n));
    }

    static ParameterSet params(float... values) {
        return ParameterSet.copyOf(layout(values.length), values);
    }

    /** One round: feeds {@code deltas} with {@code weights} and returns the next global values. */
    static float[] round(Strategy s, int round, ParameterSet global, long[] weights, float[]... deltas) {
        UpdateAccumulator acc = s.newAccumulator(global.layout());
        for (int i = 0; i < deltas.length; i++) {
            acc.add(deltas[i].clone(), weights[i]);
        }
        Optional<ParameterSet> next = s.aggregateFit(round, global, acc);
        return next.orElseThrow().values();
    }

    static float[] round(Strategy s, int round, ParameterSet global, float[]... deltas) {
        long[] ones = new long[deltas.length];
        java.util.Arrays.fill(ones, 1);
        return round(s, round, global, ones, deltas);
    }
}
