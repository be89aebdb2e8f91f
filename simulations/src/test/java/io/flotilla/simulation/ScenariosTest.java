package io.flotilla.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.typesafe.config.ConfigFactory;
import io.flotilla.aggregation.Krum;
import io.flotilla.aggregation.NormBound;
import io.flotilla.aggregation.Strategies;
import io.flotilla.coordinator.CoordinatorConfig;
import io.flotilla.coordinator.UpdateBounds;
import io.flotilla.simulation.scenario.ScenarioLoader;
import java.nio.file.Path;
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

    @Test
    void theUpdateBoundsReachTheCoordinatorsConfiguration() {
        var s = ScenarioLoader.load(null, List.of("updates.max_examples=500", "updates.max_norm_ratio=3",
                "updates.norm_floor=0.5"));
        var c = CoordinatorConfig.from(Scenarios.coordinatorConfig(s, Path.of("work"))
                .withFallback(ConfigFactory.defaultReference()).resolve());
        assertEquals(new UpdateBounds(500, 3.0, 0.5), c.updates());
    }
}
