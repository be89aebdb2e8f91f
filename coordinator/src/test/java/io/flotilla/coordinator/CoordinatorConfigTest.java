package io.flotilla.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.flotilla.aggregation.Strategies;
import io.flotilla.aggregation.StrategySettings;
import io.flotilla.privacy.PrivateStrategy;
import io.flotilla.pruning.PruningConfig;
import io.flotilla.pruning.PruningSchedule;
import io.flotilla.pruning.PruningScope;
import io.flotilla.wire.SecurityMode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CoordinatorConfigTest {

    private static CoordinatorConfig parse(String hocon) {
        return CoordinatorConfig.from(ConfigFactory.parseString(hocon).withFallback(ConfigFactory.load()).resolve());
    }

    private static String error(String hocon) {
        return assertThrows(IllegalArgumentException.class, () -> parse(hocon)).getMessage();
    }

    @Test
    void referenceDefaultsAreValid() {
        CoordinatorConfig c = parse("");
        assertEquals(10, c.rounds());
        assertEquals("mnist-2nn", c.model());
        assertEquals(SecurityMode.ENVELOPE, c.security());
        assertEquals(SecurityMode.NONE, parse("flotilla.security = none").security());
        assertEquals(Duration.ofSeconds(120), c.roundTimeout());
        assertEquals(32, c.local().batchSize());
    }

    @Test
    void errorsNameTheBadKey() {
        assertEquals("flotilla.rounds must be >= 1, got 0", error("flotilla.rounds = 0"));
        assertEquals("flotilla.cohort_fraction must be in (0.0, 1.0], got 1.5", error("flotilla.cohort_fraction = 1.5"));
        assertEquals("flotilla.local.batch_size must be >= 1, got 0", error("flotilla.local.batch_size = 0"));
        assertEquals("flotilla.strategy must be one of " + Strategies.NAMES + ", got fedsgd",
                error("flotilla.strategy = fedsgd"));
        assertEquals("flotilla.local.optimizer must be sgd or adam, got rmsprop", error("flotilla.local.optimizer = rmsprop"));
        assertEquals("flotilla.security: unknown security mode 'tls', expected none, envelope or secagg",
                error("flotilla.security = tls"));
        assertEquals("flotilla.security = secagg needs cohorts of at least 3 clients (with 2, each learns the other's"
                + " delta from the sum); flotilla.cohort, cohort_fraction and min_available_clients allow a cohort of"
                + " 2", error("flotilla.security = secagg"));
        assertEquals("flotilla.min_fit_clients (5) must be <= flotilla.min_available_clients (2)",
                error("flotilla.min_fit_clients = 5"));
        assertEquals("flotilla.round_timeout must be positive, got PT0S", error("flotilla.round_timeout = 0s"));
    }

    @Test
    void secureAggregationIsAcceptedWithMeanBasedStrategiesAndClientSideNoiseOnly() {
        String secagg = "flotilla { security = secagg, min_available_clients = 5 }\n";
        assertEquals(SecurityMode.SECAGG, parse(secagg).security());
        assertEquals(SecurityMode.SECAGG, parse(secagg + "flotilla.strategy = fedadam").security());
        assertTrue(error(secagg + "flotilla.strategy = median").contains("security = secagg only reveals their sum"),
                error(secagg + "flotilla.strategy = median"));
        String server = error(secagg + "flotilla.privacy { mode = server, noise_multiplier = 1.0 }");
        assertTrue(server.startsWith("flotilla.privacy.mode = server clips and noises individual deltas"), server);
        assertTrue(error(secagg + "flotilla.cohort = 2").contains("allow a cohort of 2"));
    }

    @Test
    void strategyIsANameOrASectionWithSettings() {
        CoordinatorConfig byName = parse("flotilla.strategy = fedyogi");
        assertEquals("fedyogi", byName.strategy());
        assertEquals(StrategySettings.defaults("fedyogi"), byName.strategySettings());
        CoordinatorConfig bySection = parse("flotilla.strategy { name = fedadam, eta = 0.05, beta1 = 0.8 }");
        assertEquals("fedadam", bySection.strategy());
        assertEquals(0.05f, bySection.strategySettings().eta());
        assertEquals(0.8f, bySection.strategySettings().beta1());
        assertEquals(StrategySettings.defaults("fedadam").beta2(), bySection.strategySettings().beta2());
        assertEquals("fedadam", StrategyFactory.create(bySection).name());
        // FedProx's mu reaches every round's training configuration.
        CoordinatorConfig prox = parse("flotilla.strategy { name = fedprox, proximal-mu = 0.25 }");
        assertEquals(0.25f, StrategyFactory.create(prox).configureFit(3, prox.local()).proximalMu());
        String unknown = error("flotilla.strategy { name = fedadam, momentum = 0.5 }");
        assertTrue(unknown.startsWith("flotilla.strategy: unknown strategy setting(s) [momentum]"), unknown);
    }

    @Test
    void incompatibleStrategiesAreRefusedAtStartUpNamingTheKey() {
        String krum = error("flotilla { strategy { name = krum, byzantine = 1 }, min_available_clients = 4 }");
        assertTrue(krum.startsWith("flotilla.strategy = krum: incompatible configuration: Krum needs n > 2f + 2"),
                krum);
        String dp = error("flotilla { strategy = median, privacy { mode = server, noise_multiplier = 1 } }");
        assertEquals("flotilla.privacy.mode = server needs a mean-based flotilla.strategy (the Gaussian mechanism's"
                + " analysis covers sums), got median", dp);
        assertEquals("flotilla.privacy.noise_multiplier must be > 0 with privacy.mode = server, got 0.0",
                error("flotilla.privacy.mode = server"));
        assertEquals("flotilla.strategy.norm-bound cannot be combined with flotilla.privacy: DP-FedAvg already clips"
                + " every update to privacy.clipping_norm; drop the norm bound", error("flotilla { strategy { name ="
                + " fedavg, norm-bound = 1 }, privacy { mode = server, noise_multiplier = 1 } }"));
        String secagg = error("flotilla { security = secagg, cohort = 5, min_available_clients = 5,"
                + " strategy { name = fedavg, norm-bound = 1 } }");
        assertTrue(secagg.contains("norm-bound clips each client's delta"), secagg);
        assertEquals(1.0, ((io.flotilla.aggregation.NormBound) StrategyFactory.create(parse(
                "flotilla.strategy { name = fedavg, norm-bound = 1 }"))).bound());
    }

    @Test
    void pruningSectionMapsToTheLibrarySchedule() {
        assertNull(parse("").pruning(), "target_sparsity 0 keeps the model dense");
        PruningConfig gradual = parse("flotilla.pruning { target_sparsity = 0.8, start_round = 2, end_round = 6 }")
                .pruning();
        assertEquals(new PruningSchedule.Gradual(0f, 0.8f, 2, 6, 1), gradual.schedule());
        assertEquals(PruningScope.GLOBAL, gradual.scope());
        PruningConfig once = parse("flotilla.pruning { target_sparsity = 0.5, schedule = oneshot, start_round = 3,"
                + " scope = per-layer }").pruning();
        assertEquals(new PruningSchedule.OneShot(3, 0.5f), once.schedule());
        assertEquals(PruningScope.PER_LAYER, once.scope());
        assertEquals("flotilla.pruning.schedule must be oneshot or gradual, got cubic",
                error("flotilla.pruning { target_sparsity = 0.5, schedule = cubic }"));
    }

    @Test
    void privacySectionBuildsTheDpWrapperWithQFromCohortAndPopulation() {
        CoordinatorConfig c = parse("flotilla { cohort = 5, min_available_clients = 5, privacy { mode = server,"
                + " noise_multiplier = 1.1, clipping_norm = 0.5, population = 50, target_epsilon = 3 } }");
        PrivateStrategy p = StrategyFactory.privateOf(StrategyFactory.create(c));
        assertEquals(0.1, p.config().samplingRate(), 1e-15);
        assertEquals(1.1, p.config().noiseMultiplier());
        assertEquals(0.5, p.currentClipNorm());
        assertEquals(3.0, p.config().targetEpsilon());
        assertEquals("dp-adaptive-fedavg", StrategyFactory.create(parse("flotilla.privacy { mode = adaptive,"
                + " noise_multiplier = 1, adaptive.count_noise_std = 1 }")).name());
        String small = assertThrows(IllegalArgumentException.class, () -> StrategyFactory.create(
                parse("flotilla.privacy { mode = adaptive, noise_multiplier = 1 }"))).getMessage();
        assertTrue(small.startsWith("flotilla.privacy: count noise std 0.1 must exceed"), small);
        assertEquals("dp-distributed-fedavg", StrategyFactory.create(parse("flotilla.privacy { mode = client,"
                + " noise_multiplier = 1 }")).name());
        assertNull(StrategyFactory.privateOf(StrategyFactory.create(parse(""))));
    }

    @Test
    void privateCohortsArePoissonByDefaultAndAFixedSizeSubsetIsRefused() {
        CoordinatorConfig c = parse("flotilla { cohort = 5, min_available_clients = 5, privacy { mode = server,"
                + " noise_multiplier = 1, population = 50 } }");
        assertEquals("poisson", c.privacy().sampling());
        assertTrue(c.privacy().poissonCohorts());
        assertTrue(!parse("").privacy().poissonCohorts(), "no privacy: fixed-size cohorts as before");
        assertEquals("flotilla.privacy.sampling = fixed with a cohort of 5 out of 50 clients: the accountant's "
                + "guarantee is for Poisson sampling (each client independently with q = cohort / population); use "
                + "privacy.sampling = poisson, or a cohort of the whole population",
                error("flotilla { cohort = 5, min_available_clients = 5, privacy { mode = server,"
                        + " noise_multiplier = 1, population = 50, sampling = fixed } }"));
        // q = 1: every client every round, fixed and Poisson coincide.
        assertEquals("fixed", parse("flotilla { min_available_clients = 4, privacy { mode = server,"
                + " noise_multiplier = 1, sampling = fixed } }").privacy().sampling());
        assertEquals("flotilla.privacy.sampling must be one of [poisson, fixed], got shuffle",
                error("flotilla.privacy { mode = server, noise_multiplier = 1, sampling = shuffle }"));
    }

    @Test
    void cohortAndQuorumFollowCountOrFraction() {
        CoordinatorConfig byFraction = parse("flotilla { cohort_fraction = 0.3, min_fit_fraction = 0.5 }");
        assertEquals(3, byFraction.cohortSize(10));
        assertEquals(1, byFraction.cohortSize(1));
        assertEquals(2, byFraction.quorum(3));
        CoordinatorConfig byCount = parse("flotilla { cohort = 4, min_fit_clients = 2, min_fit_fraction = 0 }");
        assertEquals(4, byCount.cohortSize(100));
        assertEquals(3, byCount.cohortSize(3));
        assertEquals(2, byCount.quorum(4));
    }

    @Test
    void readsCompressionAndRefusesItWithSecureAggregation() {
        assertEquals("none", parse("").compression().method());
        CoordinatorConfig c = parse("flotilla.compression { topk = 0.01, error_feedback = true }");
        assertEquals(new io.flotilla.pruning.compression.CompressionConfig("top-k", 0.01f, 4096, true),
                c.compression());
        String secagg = error("flotilla { security = secagg, compression.quantize_bits = 8 }");
        assertTrue(secagg.contains("flotilla.compression (q8) cannot be combined with flotilla.security = secagg"),
                secagg);
        assertTrue(error("flotilla.compression.topk = -1").contains("flotilla.compression.topk"));
    }
}
