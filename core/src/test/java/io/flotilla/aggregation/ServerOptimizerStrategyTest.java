package io.flotilla.aggregation;

import static io.flotilla.aggregation.Fixtures.params;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class ServerOptimizerStrategyTest {
    private static final List<Supplier<Strategy>> STATEFUL = List.of(
            () -> new FedAvgM(1f, 0.9f),
            () -> new FedAdagrad(0.1f, 1e-3f),
            () -> new FedAdam(0.1f, 0.9f, 0.99f, 1e-3f),
            () -> new FedYogi(0.01f, 0.9f, 0.99f, 1e-3f));

    @Test
    void stateRoundTripsExactlyAndTheRestoredStrategyContinuesBitForBit() {
        for (Supplier<Strategy> make : STATEFUL) {
            Strategy a = make.get();
            assertTrue(a.state().isEmpty(), a.name() + " starts with no state");
            float[] g = Fixtures.round(a, 1, params(0.5f, -0.25f, 1f), new float[] {0.1f, -0.3f, 0.02f},
                    new float[] {0.2f, 0.1f, -0.07f});
            g = Fixtures.round(a, 2, params(g), new float[] {-0.05f, 0.4f, 0.3f});
            Map<String, float[]> saved = a.state();

            Strategy b = make.get();
            b.restoreState(saved);
            Map<String, float[]> again = b.state();
            assertEquals(saved.keySet(), again.keySet());
            for (String k : saved.keySet()) {
                assertArrayEquals(saved.get(k), again.get(k), a.name() + " " + k);
            }
            float[] ga = Fixtures.round(a, 3, params(g), new float[] {0.3f, -0.2f, 0.1f});
            float[] gb = Fixtures.round(b, 3, params(g), new float[] {0.3f, -0.2f, 0.1f});
            assertArrayEquals(ga, gb, a.name());
        }
    }

    @Test
    void stateIsCopiedOutAndIn() {
        FedAvgM s = new FedAvgM(1f, 0.5f);
        Fixtures.round(s, 1, params(0f), new float[] {1});
        s.state().get("velocity")[0] = 99f;
        assertArrayEquals(new float[] {1f}, s.state().get("velocity"));
        float[] v = {2f};
        s.restoreState(Map.of("velocity", v));
        v[0] = 7f;
        assertArrayEquals(new float[] {2f}, s.state().get("velocity"));
    }

    @Test
    void restoreRefusesWrongNamesAndMismatchedLengths() {
        FedAdam s = new FedAdam(0.1f, 0.9f, 0.99f, 1e-9f);
        assertThrows(IllegalArgumentException.class, () -> s.restoreState(Map.of("m", new float[2])));
        Map<String, float[]> bad = new HashMap<>();
        bad.put("m", new float[2]);
        bad.put("v", new float[3]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.restoreState(bad));
        assertTrue(e.getMessage().contains("3") && e.getMessage().contains("2"), e.getMessage());
        s.restoreState(Map.of("m", new float[2], "v", new float[2]));
        IllegalStateException wrongModel = assertThrows(IllegalStateException.class,
                () -> Fixtures.round(s, 1, params(0f, 0f, 0f), new float[3]));
        assertTrue(wrongModel.getMessage().contains("2") && wrongModel.getMessage().contains("3"));
        s.restoreState(Map.of());
        assertTrue(s.state().isEmpty());
    }

    @Test
    void emptyRoundKeepsGlobalAndState() {
        FedYogi s = new FedYogi(0.01f, 0.9f, 0.99f, 1e-3f);
        assertTrue(s.aggregateFit(1, params(1f), s.newAccumulator(Fixtures.layout(1))).isEmpty());
        assertTrue(s.state().isEmpty());
    }
}
