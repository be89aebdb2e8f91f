package io.flotilla.aggregation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The configuration of a strategy, selected by {@link #name()}; fields a strategy does not use are ignored.
 * Built with {@link #defaults(String)} (the defaults of Flower's implementations for the named strategy) or
 * {@link #fromMap} (a configuration section, e.g. {@code Config.root().unwrapped()}), which refuses unknown keys.
 *
 * @param name one of {@link Strategies#NAMES}
 * @param serverLearningRate FedAvgM step on the velocity, positive (default 1)
 * @param serverMomentum FedAvgM momentum in [0, 1) (default 0.9)
 * @param eta FedAdam/FedYogi/FedAdagrad server learning rate (defaults 0.1, 0.01, 0.1)
 * @param beta1 FedAdam/FedYogi first-moment decay (default 0.9)
 * @param beta2 FedAdam/FedYogi second-moment decay (default 0.99)
 * @param tau adaptivity of FedAdam/FedYogi/FedAdagrad (defaults 1e-9, 1e-3, 1e-9)
 * @param proximalMu FedProx proximal coefficient, non-negative (default 0.01)
 * @param trimBeta trimmed-mean fraction cut per side, in [0, 0.5) (default 0.1)
 * @param byzantine Krum's assumed number of Byzantine clients f (default 1)
 * @param multiKrumSelected Multi-Krum's m (default 5; Krum always selects 1)
 * @param maxBufferedUpdates robust strategies' cap on buffered deltas per round (default 100)
 * @param normBound L2 bound on each client delta ({@link NormBound}), 0 for none (the default)
 */
public record StrategySettings(String name, float serverLearningRate, float serverMomentum, float eta, float beta1,
                               float beta2, float tau, float proximalMu, float trimBeta, int byzantine,
                               int multiKrumSelected, int maxBufferedUpdates, double normBound) {

    /** Configuration keys understood by {@link #fromMap}. */
    public static final List<String> KEYS = List.of("name", "server-learning-rate", "server-momentum", "eta", "beta1",
            "beta2", "tau", "proximal-mu", "trim-beta", "byzantine", "multikrum-selected", "max-buffered-updates", "norm-bound");

    public StrategySettings {
        if (name == null || !Strategies.NAMES.contains(name)) {
            throw new IllegalArgumentException("unknown strategy '" + name + "'; choose one of " + Strategies.NAMES);
        }
        if (maxBufferedUpdates < 1) {
            throw new IllegalArgumentException("max-buffered-updates must be at least 1, got " + maxBufferedUpdates);
        }
        if (byzantine < 0) {
            throw new IllegalArgumentException("byzantine must be non-negative, got " + byzantine);
        }
        if (!(normBound >= 0) || Double.isInfinite(normBound)) {
            throw new IllegalArgumentException("norm-bound must be finite and >= 0 (0 for none), got " + normBound);
        }
        if (multiKrumSelected < 1) {
            throw new IllegalArgumentException("multikrum-selected must be at least 1, got " + multiKrumSelected);
        }
        // the strategy constructors validate the remaining ranges; build one now so a bad value fails here
        Strategies.create(name, serverLearningRate, serverMomentum, eta, beta1, beta2, tau, proximalMu, trimBeta,
                byzantine, multiKrumSelected, maxBufferedUpdates);
    }

    /** Flower's defaults for the named strategy. */
    public static StrategySettings defaults(String name) {
        String n = name == null ? null : name.trim().toLowerCase(Locale.ROOT);
        float eta = "fedyogi".equals(n) ? 0.01f : 0.1f;
        float tau = "fedyogi".equals(n) ? 1e-3f : 1e-9f;
        return new StrategySettings(n, 1f, 0.9f, eta, 0.9f, 0.99f, tau, 0.01f, 0.1f, 1, 5, 100, 0);
    }

    /**
     * Settings from a configuration map: {@code name} is required, every other key of {@link #KEYS} overrides the
     * named strategy's default; values may be numbers or numeric strings. Unknown keys are refused.
     */
    public static StrategySettings fromMap(Map<String, ?> options) {
        Set<String> unknown = new java.util.TreeSet<>(options.keySet());
        unknown.removeAll(KEYS);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown strategy setting(s) " + unknown + "; known: " + KEYS);
        }
        Object name = options.get("name");
        if (name == null) {
            throw new IllegalArgumentException("strategy setting 'name' is required; choose one of " + Strategies.NAMES);
        }
        StrategySettings d = defaults(name.toString());
        return new StrategySettings(d.name(),
                floatOf(options, "server-learning-rate", d.serverLearningRate()),
                floatOf(options, "server-momentum", d.serverMomentum()),
                floatOf(options, "eta", d.eta()),
                floatOf(options, "beta1", d.beta1()),
                floatOf(options, "beta2", d.beta2()),
                floatOf(options, "tau", d.tau()),
                floatOf(options, "proximal-mu", d.proximalMu()),
                floatOf(options, "trim-beta", d.trimBeta()),
                intOf(options, "byzantine", d.byzantine()),
                intOf(options, "multikrum-selected", d.multiKrumSelected()),
                intOf(options, "max-buffered-updates", d.maxBufferedUpdates()),
                doubleOf(options, "norm-bound", d.normBound()));
    }

    /** Settings from a HOCON section such as {@code flotilla.strategy}; see {@link #fromMap}. */
    public static StrategySettings fromConfig(com.typesafe.config.Config section) {
        return fromMap(section.root().unwrapped());
    }

    /** The settings as a configuration map that {@link #fromMap} reads back (for recording a run's configuration). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("server-learning-rate", serverLearningRate);
        m.put("server-momentum", serverMomentum);
        m.put("eta", eta);
        m.put("beta1", beta1);
        m.put("beta2", beta2);
        m.put("tau", tau);
        m.put("proximal-mu", proximalMu);
        m.put("trim-beta", trimBeta);
        m.put("byzantine", byzantine);
        m.put("multikrum-selected", multiKrumSelected);
        m.put("max-buffered-updates", maxBufferedUpdates);
        m.put("norm-bound", normBound);
        return m;
    }

    /** True for the strategies that buffer every delta (median, trimmed mean, Krum, Multi-Krum). */
    public boolean isRobust() {
        return Strategies.ROBUST.contains(name);
    }

    private static float floatOf(Map<String, ?> options, String key, float fallback) {
        return (float) doubleOf(options, key, fallback);
    }

    private static double doubleOf(Map<String, ?> options, String key, double fallback) {
        Object v = options.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            return v instanceof Number n ? n.doubleValue() : Double.parseDouble(v.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("strategy setting '" + key + "' must be a number, got '" + v + "'");
        }
    }

    private static int intOf(Map<String, ?> options, String key, int fallback) {
        Object v = options.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number n) {
            if (n.doubleValue() != Math.rint(n.doubleValue()) || Math.abs(n.doubleValue()) > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("strategy setting '" + key + "' must be an integer, got " + v);
            }
            return n.intValue();
        }
        try {
            return Integer.parseInt(v.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("strategy setting '" + key + "' must be an integer, got '" + v + "'");
        }
    }
}
