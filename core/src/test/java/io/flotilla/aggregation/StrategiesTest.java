package io.flotilla.aggregation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StrategiesTest {

    @Test
    void everyNameBuildsTheStrategyOfThatName() {
        for (String name : Strategies.NAMES) {
            Strategy s = Strategies.create(StrategySettings.defaults(name));
            assertEquals(name, s.name());
            assertEquals(Strategies.ROBUST.contains(name), s.requiresIndividualUpdates(), name);
        }
    }

    @Test
    void mapOverridesDefaultsAndTravelsIntoTheStrategy() {
        Strategy s = Strategies.create(Map.of("name", "trimmed_mean", "trim-beta", "0.3", "max-buffered-updates", 7));
        TrimmedMean t = assertInstanceOf(TrimmedMean.class, s);
        assertEquals(0.3f, t.beta());
        assertEquals(7, t.maxBufferedUpdates());
        Krum k = assertInstanceOf(Krum.class,
                Strategies.create(Map.of("name", "multikrum", "byzantine", 2, "multikrum-selected", 4)));
        assertEquals(2, k.byzantine());
        assertEquals(4, k.selected());
        FedProx p = assertInstanceOf(FedProx.class, Strategies.create(Map.of("name", "FedProx", "proximal-mu", 0.1)));
        assertEquals(0.1f, p.mu());
    }

    @Test
    void settingsRoundTripThroughTheirMap() {
        StrategySettings s = StrategySettings.fromMap(Map.of("name", "fedyogi", "eta", 0.05, "tau", "0.001"));
        assertEquals(0.05f, s.eta());
        assertEquals(0.9f, s.beta1());
        assertEquals(s, StrategySettings.fromMap(s.toMap()));
    }

    @Test
    void settingsReadAHoconSection() {
        com.typesafe.config.Config c = com.typesafe.config.ConfigFactory.parseString(
                "strategy { name = multikrum, byzantine = 2, multikrum-selected = 3, max-buffered-updates = 40 }");
        StrategySettings s = StrategySettings.fromConfig(c.getConfig("strategy"));
        assertEquals(2, s.byzantine());
        assertEquals(3, s.multiKrumSelected());
        assertEquals(40, s.maxBufferedUpdates());
        assertEquals("multikrum", Strategies.create(s).name());
    }

    @Test
    void flowerDefaultsPerStrategy() {
        assertEquals(0.01f, StrategySettings.defaults("fedyogi").eta());
        assertEquals(1e-3f, StrategySettings.defaults("fedyogi").tau());
        assertEquals(0.1f, StrategySettings.defaults("fedadam").eta());
        assertEquals(1e-9f, StrategySettings.defaults("fedadagrad").tau());
    }

    @Test
    void unknownNamesKeysAndBadValuesAreRefusedClearly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StrategySettings.defaults("fedsgd"));
        assertTrue(e.getMessage().contains("fedavg"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Strategies.create(Map.of("name", "fedavg", "learning-rate", 1)));
        assertTrue(e.getMessage().contains("learning-rate"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Strategies.create(Map.of("eta", 1)));
        assertThrows(IllegalArgumentException.class, () -> Strategies.create(Map.of("name", "fedadam", "eta", "x")));
        assertThrows(IllegalArgumentException.class, () -> Strategies.create(Map.of("name", "krum", "byzantine", 1.5)));
        assertThrows(IllegalArgumentException.class,
                () -> Strategies.create(Map.of("name", "fedadam", "beta1", 1.0)));
    }

    @Test
    void robustStrategiesAreRefusedWithSecureAggregation() {
        for (String name : List.of("median", "trimmed_mean", "krum", "multikrum")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Strategies.checkCompatible(StrategySettings.defaults(name), 10, 8, true));
            assertTrue(e.getMessage().contains("secagg") && e.getMessage().contains(name), e.getMessage());
        }
        Strategies.checkCompatible(StrategySettings.defaults("fedadam"), 10, 8, true);
        Strategies.checkCompatible(StrategySettings.defaults("median"), 10, 8, false);
    }

    @Test
    void krumNeedsMoreThanTwoFPlusTwoInCohortAndQuorum() {
        StrategySettings krum = StrategySettings.fromMap(Map.of("name", "krum", "byzantine", 2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Strategies.checkCompatible(krum, 6, 6, false));
        assertTrue(e.getMessage().contains("n > 2f + 2") && e.getMessage().contains("6"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Strategies.checkCompatible(krum, 10, 5, false));
        assertTrue(e.getMessage().contains("quorum"), e.getMessage());
        Strategies.checkCompatible(krum, 7, 7, false);
        StrategySettings multi = StrategySettings.fromMap(Map.of("name", "multikrum", "byzantine", 1,
                "multikrum-selected", 8));
        assertFalse(Strategies.incompatibilities(multi, 10, 6, false).isEmpty());
    }

    @Test
    void cohortLargerThanTheBufferIsRefused() {
        StrategySettings median = StrategySettings.fromMap(Map.of("name", "median", "max-buffered-updates", 5));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Strategies.checkCompatible(median, 6, 6, false));
        assertTrue(e.getMessage().contains("max-buffered-updates = 5") && e.getMessage().contains("6"));
    }
}
