package io.flotilla.simulation.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.flotilla.simulation.Scenarios;
import io.flotilla.wire.seal.SecAggSection;
import io.flotilla.wire.seal.SecAggSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code secagg.*} scenario keys: their defaults are the coordinator's documented defaults, set values reach
 * the coordinator's {@code flotilla.secagg} section unchanged, and bad values, misspelt keys and cohorts secure
 * aggregation cannot serve are refused naming the scenario key.
 */
class SecAggScenarioSettingsTest {
    @TempDir
    Path tmp;

    private static String refusal(String... sets) {
        return assertThrows(ScenarioException.class, () -> ScenarioLoader.load(null, List.of(sets))).getMessage();
    }

    private SecAggSettings coordinatorSees(Scenario s) {
        Config full = Scenarios.coordinatorConfig(s, tmp).withFallback(ConfigFactory.defaultReference()).resolve();
        return SecAggSection.from(full);
    }

    @Test
    void theDefaultsAreTheCoordinatorsDefaults() {
        Scenario s = ScenarioLoader.defaults();
        assertEquals(SecAggSettings.DEFAULTS, s.secagg().toSettings());
        assertEquals(SecAggSettings.DEFAULTS, coordinatorSees(s));
    }

    @Test
    void setKeysReachTheCoordinatorConfiguration() {
        Scenario s = ScenarioLoader.load(null, List.of("security=secagg", "clients=12", "secagg.threshold=0.8",
                "secagg.neighbours=4", "secagg.clip_range=0.25", "secagg.quantisation_bits=12",
                "secagg.max_weight=5000", "secagg.clip_warn_fraction=0.05", "secagg.advertise_timeout_seconds=7.5",
                "secagg.share_timeout_seconds=8", "secagg.unmask_timeout_seconds=0.25"));
        SecAggSettings expected = new SecAggSettings(0.8, 4, 0.25, 12, 5000, 0.05, Duration.ofMillis(7500),
                Duration.ofSeconds(8), Duration.ofMillis(250));
        assertEquals(expected, s.secagg().toSettings());
        assertEquals(expected, coordinatorSees(s));
        assertEquals(4, expected.threshold(12), "SecAgg+ with 4 neighbours: 5 share holders, t = ceil(0.8 x 5)");
    }

    @Test
    void badValuesAreRefusedNamingTheScenarioKey() {
        assertEquals("secagg.threshold must be in (0.5, 1] (at most half would let the coordinator learn an "
                + "individual input), got 0.5", refusal("secagg.threshold=0.5"));
        assertTrue(refusal("secagg.neighbours=3").startsWith("secagg.neighbours must be 0 (complete graph) or an "
                + "even number"));
        assertEquals("secagg.clip_range must be in (0, 1e9], got 0.0", refusal("secagg.clip_range=0.0"));
        assertTrue(refusal("secagg.quantisation_bits=31").startsWith("secagg.quantisation_bits must be in 0..30"));
        assertTrue(refusal("secagg.max_weight=0").startsWith("secagg.max_weight must be in 1..1073741823"));
        assertTrue(refusal("secagg.clip_warn_fraction=1.5").startsWith("secagg.clip_warn_fraction must be in"));
        assertEquals("secagg.unmask_timeout_seconds must be in [0.001, 86400] seconds, got 0.0",
                refusal("secagg.unmask_timeout_seconds=0.0"));
        assertTrue(refusal("secagg.threshold=high").contains("secagg.threshold must be a number"));
    }

    @Test
    void misspeltKeysSuggestTheNearest() {
        String e = refusal("secagg.treshold=0.7");
        assertTrue(e.contains("unknown key 'secagg.treshold'") && e.contains("did you mean 'secagg.threshold'"), e);
        String f = refusal("secagg.advertise_timeout=5");
        assertTrue(f.contains("did you mean 'secagg.advertise_timeout_seconds'"), f);
    }

    @Test
    void cohortsSecureAggregationCannotServeAreRefusedUpFront() {
        String small = refusal("security=secagg", "clients=2");
        assertTrue(small.startsWith("security = secagg cannot serve a cohort of 2: security = secagg needs cohorts "
                + "of at least 3 clients"), small);
        String wrap = refusal("security=secagg", "clients=20", "secagg.quantisation_bits=20");
        assertTrue(wrap.contains("secagg: cohort 20 x max_weight 65536") && wrap.contains("would wrap")
                && !wrap.contains("flotilla."), wrap);
        // The same keys are harmless when secure aggregation is off.
        ScenarioLoader.load(null, List.of("security=envelope", "clients=2"));
        ScenarioLoader.load(null, List.of("security=secagg", "clients=20", "secagg.quantisation_bits=20",
                "secagg.max_weight=16"));
    }
}
