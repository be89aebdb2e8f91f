package io.flotilla.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.flotilla.model.ModelLayout;
import io.flotilla.model.ParameterSet;
import io.flotilla.model.TensorSpec;
import io.flotilla.privacy.PrivateStrategy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class PrivacyBookkeepingTest {
    private static final List<String> IDS = List.of("a", "b", "c", "d", "e", "f", "g", "h");

    private static CoordinatorConfig parse(String hocon) {
        return CoordinatorConfig.from(ConfigFactory.parseString(hocon).withFallback(ConfigFactory.load()).resolve());
    }

    private static PrivacyBookkeeping of(CoordinatorConfig c) {
        return new PrivacyBookkeeping(c, StrategyFactory.privateOf(StrategyFactory.create(c)));
    }

    private static final String DP = "flotilla { min_available_clients = 8, cohort = 2, local.batch_size = 10,"
            + " privacy { mode = server, noise_multiplier = 1.0, dpsgd { noise_multiplier = 1.1 } } }";

    @Test
    void privateCohortsAreTheSamplersPoissonDrawAndOthersAreFixedSize() {
        PrivacyBookkeeping dp = of(parse(DP));
        assertEquals(0.25, dp.samplingRate());
        assertEquals(new CohortSampler(5).samplePoisson(IDS, 0.25), dp.drawCohort(new CohortSampler(5), IDS, 2));
        PrivacyBookkeeping plain = of(parse("flotilla { min_available_clients = 8, cohort = 2 }"));
        assertEquals(2, plain.drawCohort(new CohortSampler(5), IDS, 2).size());
        assertTrue(Double.isNaN(plain.samplingRate()));
        assertTrue(Double.isNaN(plain.exampleEpsilon()));
        assertEquals(Map.of(), plain.checkpointEntries());
    }

    @Test
    void bothLedgersGoIntoTheCheckpointAndComeBackOnResume() {
        CoordinatorConfig c = parse(DP);
        PrivateStrategy strategy = StrategyFactory.privateOf(StrategyFactory.create(c));
        PrivacyBookkeeping run = new PrivacyBookkeeping(c, strategy);
        strategy.ledger().recordRound(1, 0.25, 1.0);
        run.recordLocalTraining(1, Map.of("a", 100, "b", 40));
        Map<String, List<LedgerEntry>> saved = run.checkpointEntries();
        assertEquals(3, saved.size());
        ParameterSet p = ParameterSet.copyOf(ModelLayout.of(TensorSpec.bias("b", 1)), new float[1]);
        Checkpoint checkpoint = new Checkpoint(1, 1, 0, p, Map.of(), "{}", saved);

        PrivateStrategy fresh = StrategyFactory.privateOf(StrategyFactory.create(c));
        PrivacyBookkeeping resumed = new PrivacyBookkeeping(c, fresh);
        resumed.restore(checkpoint, LoggerFactory.getLogger(PrivacyBookkeepingTest.class));
        assertEquals(strategy.ledger().spent(), fresh.ledger().spent());
        assertEquals(run.exampleEpsilon(), resumed.exampleEpsilon(), 0.0);
        assertTrue(resumed.exampleEpsilon() > 0);
        assertEquals(saved, resumed.checkpointEntries());
    }
}
