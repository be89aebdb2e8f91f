package io.flotilla.pruning;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.flotilla.model.ModelLayout;
import io.flotilla.model.ParameterSet;
import io.flotilla.model.TensorKind;
import io.flotilla.model.TensorSpec;
import org.junit.jupiter.api.Test;

class ParameterCountsTest {

    @Test
    void countsTotalNonZeroByKindAndPerLayer() {
        ModelLayout layout = ModelLayout.of(TensorSpec.weight("d1.weight", 2, 2), TensorSpec.bias("d1.bias", 2),
                TensorSpec.weight("d2.weight", 3));
        ParameterSet p = ParameterSet.copyOf(layout, new float[] {0, 1, 0, 0, 5, 0, 2, 3, 0});
        ParameterCounts c = ParameterCounts.of(7, p);
        assertEquals(7, c.round());
        assertEquals(9, c.total());
        assertEquals(4, c.nonZero());
        assertEquals(new ParameterCounts.Count(7, 3), c.byKind().get(TensorKind.WEIGHT));
        assertEquals(new ParameterCounts.Count(2, 1), c.byKind().get(TensorKind.BIAS));
        assertEquals(new ParameterCounts.Count(0, 0), c.byKind().get(TensorKind.OTHER));
        assertEquals(3, c.layers().size());
        assertEquals(new ParameterCounts.LayerCount("d1.weight", TensorKind.WEIGHT, new ParameterCounts.Count(4, 1)),
                c.layers().get(0));
        assertEquals(0.75, c.layers().get(0).count().sparsity(), 1e-12);
        assertEquals(5.0 / 9, c.sparsity(), 1e-12);
    }
}
