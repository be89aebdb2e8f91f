package io.flotilla.coordinator;

import io.flotilla.aggregation.ArrivalOrderFree;
import io.flotilla.aggregation.ForwardingStrategy;
import io.flotilla.aggregation.Strategies;
import io.flotilla.aggregation.Strategy;
import io.flotilla.privacy.AdaptiveClippingConfig;
import io.flotilla.privacy.ClientNoiseMode;
import io.flotilla.privacy.DpFedAvgAdaptiveClipping;
import io.flotilla.privacy.DpFedAvgClientNoise;
import io.flotilla.privacy.DpFedAvgConfig;
import io.flotilla.privacy.DpFedAvgServerNoise;
import io.flotilla.privacy.InsecureSeededNoise;
import io.flotilla.privacy.NoiseSource;
import io.flotilla.privacy.PrivateStrategy;
import io.flotilla.privacy.SecureGaussianNoise;
import java.util.function.UnaryOperator;

/**
 * Builds the coordinator's strategy from its configuration: the named strategy with its settings, wrapped in the
 * DP-FedAvg variant {@code flotilla.privacy.mode} asks for. Deployments and simulations both build it here, so a
 * simulation runs exactly what ships.
 */
public final class StrategyFactory {
    private StrategyFactory() {
    }

    /** The strategy of {@code config}. */
    public static Strategy create(CoordinatorConfig config) {
        return create(config, UnaryOperator.identity());
    }

    /**
     * The strategy of {@code config} with {@code outer} applied last (simulations wrap it in
     * {@link ArrivalOrderFree}, which {@link #privateOf} looks through).
     */
    public static Strategy create(CoordinatorConfig config, UnaryOperator<Strategy> outer) {
        return outer.apply(build(config));
    }

    private static Strategy build(CoordinatorConfig config) {
        Strategy base = Strategies.create(config.strategySettings());
        PrivacySettings p = config.privacy();
        if (!p.enabled()) {
            return base;
        }
        try {
            return wrap(base, p, dpConfig(config), config);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("flotilla.privacy: " + e.getMessage(), e);
        }
    }

    private static Strategy wrap(Strategy base, PrivacySettings p, DpFedAvgConfig dp, CoordinatorConfig config) {
        return switch (p.mode()) {
            case "server" -> new DpFedAvgServerNoise(base, dp, noise(config));
            case "adaptive" -> new DpFedAvgAdaptiveClipping(base, dp, new AdaptiveClippingConfig(p.targetQuantile(),
                    p.clipLearningRate(), p.countNoiseStd() > 0 ? p.countNoiseStd()
                    : dp.expectedCohortSize() / 20.0), noise(config));
            case "client" -> new DpFedAvgClientNoise(base, dp, ClientNoiseMode.DISTRIBUTED);
            case "local" -> new DpFedAvgClientNoise(base, dp, ClientNoiseMode.LOCAL);
            default -> throw new IllegalArgumentException("flotilla.privacy.mode " + p.mode());
        };
    }

    /** The DP-FedAvg settings: q = expected cohort / population. */
    public static DpFedAvgConfig dpConfig(CoordinatorConfig config) {
        PrivacySettings p = config.privacy();
        int population = config.privacyPopulation();
        int expected = config.cohortSize(population);
        p.checkSampling(expected, population);
        return new DpFedAvgConfig(p.noiseMultiplier(), p.clippingNorm(), expected, population, p.delta(),
                p.budget());
    }

    private static NoiseSource noise(CoordinatorConfig config) {
        // The seeded source is predictable by design: only for reproducible simulations and tests.
        return config.privacy().noise().equals("seeded-insecure") ? new InsecureSeededNoise(config.seed() ^ 0x5EED)
                : new SecureGaussianNoise();
    }

    /** The private strategy inside {@code s} (looking through wrappers such as {@link ArrivalOrderFree}), or null. */
    public static PrivateStrategy privateOf(Strategy s) {
        if (s instanceof PrivateStrategy p) {
            return p;
        }
        if (s instanceof ForwardingStrategy f) {
            return privateOf(f.inner());
        }
        return null;
    }
}
