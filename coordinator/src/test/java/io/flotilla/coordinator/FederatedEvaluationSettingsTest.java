package io.flotilla.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class FederatedEvaluationSettingsTest {
    private static final List<String> TEN = List.of("c0", "c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8", "c9");

    private static CoordinatorConfig parse(String hocon) {
        return CoordinatorConfig.from(ConfigFactory.parseString(hocon).withFallback(ConfigFactory.load()).resolve());
    }

    @Test
    void offByDefaultAndReadFromTheFederatedSection() {
        FederatedEvaluationSettings d = parse("").federatedEvaluation();
        assertEquals(0, d.every());
        assertFalse(d.due(1));
        FederatedEvaluationSettings s = parse("flotilla.evaluation.federated { every = 3, fraction = 0.25, "
                + "min_clients = 2, timeout = 5s }").federatedEvaluation();
        assertEquals(new FederatedEvaluationSettings(3, 0.25, 2, Duration.ofSeconds(5)), s);
        assertFalse(s.due(2));
        assertTrue(s.due(3));
        assertTrue(s.due(6));
    }

    @Test
    void badValuesAreRefusedNamingTheKey() {
        for (String bad : new String[] {"every = -1", "fraction = 0", "fraction = 1.5", "min_clients = 0",
            "timeout = 0s"}) {
            String msg = assertThrows(IllegalArgumentException.class,
                    () -> parse("flotilla.evaluation.federated." + bad)).getMessage();
            assertTrue(msg.startsWith("flotilla.evaluation.federated." + bad.substring(0, bad.indexOf(' '))), msg);
        }
    }

    @Test
    void theCohortIsTheFractionRoundedUpAtLeastMinClientsAndNothingBelowMinClientsAvailable() {
        FederatedEvaluationSettings s = new FederatedEvaluationSettings(1, 0.25, 3, Duration.ofSeconds(1));
        assertEquals(3, s.cohortSize(10));
        assertEquals(5, s.cohortSize(17));
        assertEquals(3, s.cohort(42, 1, TEN).size());
        assertEquals(List.of(), s.cohort(42, 1, TEN.subList(0, 2)));
        assertEquals(10, new FederatedEvaluationSettings(1, 1.0, 1, Duration.ofSeconds(1)).cohort(42, 1, TEN).size());
    }

    @Test
    void cohortsDependOnlyOnSeedAndRoundAndVaryAcrossRounds() {
        FederatedEvaluationSettings s = new FederatedEvaluationSettings(1, 0.3, 1, Duration.ofSeconds(1));
        assertEquals(s.cohort(42, 5, TEN), s.cohort(42, 5, TEN));
        List<List<String>> cohorts = new ArrayList<>();
        for (int r = 1; r <= 10; r++) {
            List<String> c = s.cohort(42, r, TEN);
            assertEquals(3, new HashSet<>(c).size());
            cohorts.add(c);
        }
        assertTrue(new HashSet<>(cohorts).size() > 5, cohorts.toString());
        assertNotEquals(s.cohort(42, 1, TEN), s.cohort(43, 1, TEN));
    }

    @Test
    void evaluationCohortsComeFromAStreamApartFromTheTrainingSamplersOfTheSameSeed() {
        // The first training cohort of seed 42 differs from the first evaluation cohort: separate streams.
        assertNotEquals(new CohortSampler(42).sample(TEN, 5),
                new FederatedEvaluationSettings(1, 0.5, 1, Duration.ofSeconds(1)).cohort(42, 1, TEN));
    }
}
