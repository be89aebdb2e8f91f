package io.flotilla.aggregation;

import static io.flotilla.aggregation.Fixtures.params;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flotilla.model.ParameterSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NormBoundTest {

    @Test
    void aDeltaOverTheBoundIsScaledToItAndOneUnderItPassesUnchanged() {
        ParameterSet global = params(0f, 0f);
        float[] attacker = {30f, 40f}; // norm 50, scaled to norm 5: (3, 4)
        float[] honest = {1f, -1f};     // norm 1.41, under the bound
        float[] next = Fixtures.round(new NormBound(new FedAvg(), 5), 1, global, new long[] {1, 1}, attacker, honest);
        assertArrayEquals(new float[] {2f, 1.5f}, next, 1e-6f);
        assertArrayEquals(new float[] {30f, 40f}, attacker, "the caller's delta is not modified");
        float[] unbounded = Fixtures.round(new FedAvg(), 1, global, new long[] {1, 1}, new float[] {30f, 40f}, honest);
        assertArrayEquals(new float[] {15.5f, 19.5f}, unbounded, 1e-6f);
    }

    @Test
    void robustStrategiesSeeTheBoundedDeltas() {
        ParameterSet global = params(0f);
        // median of {100 -> 2, 1, 3 -> 2} with bound 2 is 2; unbounded the median would be 3
        float[] next = Fixtures.round(new NormBound(Strategies.create(Map.of("name", "median")), 2), 1, global,
                new long[] {1, 1, 1}, new float[] {100f}, new float[] {1f}, new float[] {3f});
        assertArrayEquals(new float[] {2f}, next, 1e-6f);
    }

    @Test
    void aSecureAggregationSumIsRefusedBecauseItCannotBeBoundedPerClient() {
        UpdateAccumulator acc = new NormBound(new FedAvg(), 1).newAccumulator(Fixtures.layout(2));
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> acc.addSum(new float[2], 3, 3));
        assertTrue(e.getMessage().contains("norm_bound"), e.getMessage());
    }

    @Test
    void badBoundsAndForeignAccumulatorsAreRefused() {
        for (double b : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThrows(IllegalArgumentException.class, () -> new NormBound(new FedAvg(), b), "bound " + b);
        }
        NormBound s = new NormBound(new FedAvg(), 1);
        ParameterSet global = params(0f);
        assertThrows(IllegalArgumentException.class,
                () -> s.aggregateFit(1, global, new FedAvg().newAccumulator(global.layout())));
    }

    @Test
    void configuredByNormBoundAndRefusedWithSecureAggregation() {
        NormBound s = assertInstanceOf(NormBound.class, Strategies.create(Map.of("name", "fedavgm", "norm-bound", "2.5")));
        assertEquals(2.5, s.bound());
        assertInstanceOf(FedAvgM.class, s.inner());
        assertInstanceOf(FedAvg.class, Strategies.create(Map.of("name", "fedavg")));
        assertThrows(IllegalArgumentException.class, () -> StrategySettings.fromMap(Map.of("name", "fedavg",
                "norm-bound", -1)));
        StrategySettings bounded = StrategySettings.fromMap(Map.of("name", "fedavg", "norm-bound", 1));
        assertEquals(1, Strategies.incompatibilities(bounded, 10, 5, true).size());
        assertTrue(Strategies.incompatibilities(bounded, 10, 5, false).isEmpty());
        assertEquals(bounded, StrategySettings.fromMap(bounded.toMap()));
    }
}
