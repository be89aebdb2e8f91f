package io.flotilla.aggregation;

import static io.flotilla.aggregation.Fixtures.params;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flotilla.model.ParameterSet;
import org.junit.jupiter.api.Test;

class FedAvgTest {

    @Test
    void nextGlobalIsGlobalPlusSampleWeightedMeanDelta() {
        ParameterSet global = params(10f, 10f);
        // (1*1 + 3*3) / 4 = 2.5 and (1*2 + 3*6) / 4 = 5
        float[] next = Fixtures.round(new FedAvg(), 1, global, new long[] {1, 3}, new float[] {1, 2},
                new float[] {3, 6});
        assertArrayEquals(new float[] {12.5f, 15f}, next);
        assertArrayEquals(new float[] {10f, 10f}, global.values(), "global must not be modified");
    }

    @Test
    void noDeltaKeepsTheGlobalModel() {
        FedAvg s = new FedAvg();
        ParameterSet global = params(1f);
        assertTrue(s.aggregateFit(1, global, s.newAccumulator(global.layout())).isEmpty());
    }

    @Test
    void streamsAndIsStatelessWithAnUnchangedTrainConfig() {
        FedAvg s = new FedAvg();
        assertFalse(s.requiresIndividualUpdates());
        assertTrue(s.state().isEmpty());
        assertEquals("fedavg", s.name());
        io.flotilla.fit.TrainConfig base = io.flotilla.fit.TrainConfig.defaults();
        assertEquals(base, s.configureFit(3, base));
        assertThrows(IllegalArgumentException.class, () -> s.restoreState(java.util.Map.of("x", new float[1])));
    }

    @Test
    void accumulatorRejectsWrongLengthAndNonPositiveWeight() {
        UpdateAccumulator acc = new FedAvg().newAccumulator(Fixtures.layout(2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> acc.add(new float[3], 1));
        assertTrue(e.getMessage().contains("3") && e.getMessage().contains("2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> acc.add(new float[2], 0));
    }
}
