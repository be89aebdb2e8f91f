package io.flotilla.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.flotilla.aggregation.Krum;
import io.flotilla.aggregation.NormBound;
import io.flotilla.aggregation.Strategies;
import io.flotilla.simulation.scenario.ScenarioLoader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScenariosTest {

    @Test
    void aNormBoundWrapsTheScenarioStrategyAndIsAbsentByDefault() {
        Map<String, Object> bounded = Scenarios.strategy(ScenarioLoader.load(null,
                List.of("strategy=krum", "strategy.byzantine=2", "strategy.norm_bound=0.5")));
        assertEquals(0.5, bounded.get("norm-bound"));
        NormBound s = assertInstanceOf(NormBound.class, Strategies.create(bounded));
        assertInstanceOf(Krum.class, s.inner());
        assertFalse(Scenarios.strategy(ScenarioLoader.defaults()).containsKey("norm-bound"));
    }
}
