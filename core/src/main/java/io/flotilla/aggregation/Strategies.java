package io.flotilla.aggregation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds strategies by configuration name and refuses combinations that cannot work, at start-up rather than in
 * the middle of a round.
 */
public final class Strategies {
    /** Every strategy name configuration may select. */
    public static final List<String> NAMES = List.of("fedavg", "fedavgm", "fedprox", "fedadam", "fedyogi",
            "fedadagrad", "median", "trimmed_mean", "krum", "multikrum");

    /** The names whose strategies need every individual update. */
    public static final Set<String> ROBUST = Set.of("median", "trimmed_mean", "krum", "multikrum");

    private Strategies() {
    }

    /** A fresh strategy (with fresh server state) for the settings. */
    public static Strategy create(StrategySettings s) {
        Strategy base = create(s.name(), s.serverLearningRate(), s.serverMomentum(), s.eta(), s.beta1(), s.beta2(),
                s.tau(), s.proximalMu(), s.trimBeta(), s.byzantine(), s.multiKrumSelected(), s.maxBufferedUpdates());
        return s.normBound() > 0 ? new NormBound(base, s.normBound()) : base;
    }

    /** A fresh strategy from a configuration map; see {@link StrategySettings#fromMap}. */
    public static Strategy create(Map<String, ?> options) {
        return create(StrategySettings.fromMap(options));
    }

    static Strategy create(String name, float serverLearningRate, float serverMomentum, float eta, float beta1,
                           float beta2, float tau, float proximalMu, float trimBeta, int byzantine,
                           int multiKrumSelected, int maxBufferedUpdates) {
        return switch (name) {
            case "fedavg" -> new FedAvg();
            case "fedavgm" -> new FedAvgM(serverLearningRate, serverMomentum);
            case "fedprox" -> new FedProx(proximalMu);
            case "fedadam" -> new FedAdam(eta, beta1, beta2, tau);
            case "fedyogi" -> new FedYogi(eta, beta1, beta2, tau);
            case "fedadagrad" -> new FedAdagrad(eta, tau);
            case "median" -> new CoordinateMedian(maxBufferedUpdates);
            case "trimmed_mean" -> new TrimmedMean(trimBeta, maxBufferedUpdates);
            case "krum" -> new Krum(byzantine, 1, maxBufferedUpdates);
            case "multikrum" -> new Krum(byzantine, multiKrumSelected, maxBufferedUpdates);
            default -> throw new IllegalArgumentException("unknown strategy '" + name + "'; choose one of " + NAMES);
        };
    }

    /**
     * Every reason the strategy cannot run in a federation of this shape, empty when it can.
     *
     * @param cohortSize clients sampled per round
     * @param quorum fewest updates with which a round may close
     * @param secureAggregation true when {@code security = secagg} (the coordinator only learns the sum)
     */
    public static List<String> incompatibilities(StrategySettings s, int cohortSize, int quorum,
                                                 boolean secureAggregation) {
        if (cohortSize < 1 || quorum < 1 || quorum > cohortSize) {
            throw new IllegalArgumentException(
                    "need 1 <= quorum <= cohort size, got quorum " + quorum + " and cohort " + cohortSize);
        }
        List<String> problems = new ArrayList<>();
        if (secureAggregation && s.normBound() > 0) {
            problems.add("norm-bound clips each client's delta, but security = secagg only reveals their sum to the "
                    + "coordinator; drop the norm bound or use envelope encryption");
        }
        if (!s.isRobust()) {
            return problems;
        }
        if (secureAggregation) {
            problems.add("strategy '" + s.name() + "' needs every individual update, but security = secagg only reveals"
                    + " their sum to the coordinator; use a mean-based strategy (fedavg, fedavgm, fedprox, fedadam,"
                    + " fedyogi, fedadagrad) or envelope encryption");
        }
        if (cohortSize > s.maxBufferedUpdates()) {
            problems.add("strategy '" + s.name() + "' buffers at most max-buffered-updates = " + s.maxBufferedUpdates()
                    + " updates but the cohort has " + cohortSize + " clients (memory: cohort x model floats)");
        }
        if (s.name().equals("krum") || s.name().equals("multikrum")) {
            int f = s.byzantine();
            if (cohortSize <= 2 * f + 2) {
                problems.add("Krum needs n > 2f + 2 updates: with byzantine f = " + f + " the cohort must exceed "
                        + (2 * f + 2) + " clients, it has " + cohortSize);
            } else if (quorum <= 2 * f + 2) {
                problems.add("Krum needs n > 2f + 2 updates: with byzantine f = " + f + " the quorum must exceed "
                        + (2 * f + 2) + ", it is " + quorum + " (a round closing at quorum would keep the old model)");
            }
            int m = s.name().equals("krum") ? 1 : s.multiKrumSelected();
            if (m > quorum) {
                problems.add("Multi-Krum selects m = " + m + " updates but the quorum is only " + quorum);
            }
        }
        return problems;
    }

    /** Throws an {@link IllegalArgumentException} listing every {@link #incompatibilities} found. */
    public static void checkCompatible(StrategySettings s, int cohortSize, int quorum, boolean secureAggregation) {
        List<String> problems = incompatibilities(s, cohortSize, quorum, secureAggregation);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("incompatible configuration: " + String.join("; ", problems));
        }
    }
}
