package io.flotilla.coordinator;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValueType;
import io.flotilla.aggregation.Strategies;
import io.flotilla.aggregation.StrategySettings;
import io.flotilla.fit.TrainConfig;
import io.flotilla.node.CompressionSection;
import io.flotilla.node.ConfigReader;
import io.flotilla.pruning.PruningConfig;
import io.flotilla.pruning.compression.CompressionConfig;
import io.flotilla.wire.SecurityMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Everything the coordinator needs to run a federation, read from the {@code flotilla} section of HOCON
 * (defaults in the module's {@code reference.conf}) and validated on start.
 *
 * @param rounds rounds to run ({@code flotilla.rounds})
 * @param model model name, sent to clients who check it against their own ({@code flotilla.model})
 * @param minAvailableClients clients that must be registered before a round starts
 * @param cohort clients sampled per round, or 0 to use {@code cohortFraction}
 * @param cohortFraction share of available clients sampled per round when {@code cohort} is 0
 * @param minFitClients fewest accepted updates that close a round at its deadline
 * @param minFitFraction share of the cohort that must answer at the deadline; the quorum is the larger of the two
 * @param roundTimeout how long a round waits for its cohort
 * @param fetchTimeout how long fetching one update's payload may take
 * @param local hyperparameters of local training ({@code flotilla.local.*})
 * @param strategy aggregation strategy name, one of {@link Strategies#NAMES} (the name in {@code strategySettings})
 * @param security update protection; {@code none} is explicit and logged as insecure
 * @param seed seed of cohort sampling and of clients' local training
 * @param checkpointDir where checkpoints go
 * @param checkpointKeep how many checkpoints to keep
 * @param metricsFile JSON-lines file of round metrics
 * @param centralizedEvaluation evaluate on the coordinator's held-out set after each round (when one is given)
 * @param rendered the resolved {@code flotilla} section as JSON, stored in checkpoints for provenance
 * @param strategySettings the strategy and its settings ({@code flotilla.strategy}: a name, or a section with
 *     {@code name} and the keys of {@link StrategySettings#KEYS})
 * @param pruning the pruning schedule ({@code flotilla.pruning}), or null when the model stays dense
 * @param privacy DP-FedAvg settings ({@code flotilla.privacy})
 * @param compression how clients compress their updates ({@code flotilla.compression}); {@code none} for dense
 * @param federatedEvaluation when and how widely clients evaluate the global model
 *     ({@code flotilla.evaluation.federated}); {@link FederatedEvaluationSettings#off()} by default
 * @param updates the sanity bounds every update is held to ({@code flotilla.updates}): example counts and delta norms
 * @param retry how abandoned rounds are retried and when a client counts as busy ({@code flotilla.round})
 */
public record CoordinatorConfig(int rounds, String model, int minAvailableClients, int cohort, double cohortFraction,
                                int minFitClients, double minFitFraction, Duration roundTimeout,
                                Duration fetchTimeout, TrainConfig local, String strategy, SecurityMode security,
                                long seed, Path checkpointDir, int checkpointKeep, Path metricsFile,
                                boolean centralizedEvaluation, String rendered, StrategySettings strategySettings,
                                PruningConfig pruning, PrivacySettings privacy, CompressionConfig compression,
                                FederatedEvaluationSettings federatedEvaluation, UpdateBounds updates,
                                RoundRetry retry) {

    public CoordinatorConfig {
        if (updates == null) {
            throw new IllegalArgumentException("flotilla.updates settings are required (UpdateBounds.defaults())");
        }
        if (retry == null) {
            throw new IllegalArgumentException("flotilla.round retry settings are required (RoundRetry.defaults())");
        }
        if (federatedEvaluation == null) {
            throw new IllegalArgumentException("flotilla.evaluation.federated settings are required "
                    + "(FederatedEvaluationSettings.off())");
        }
        if (compression == null) {
            throw new IllegalArgumentException("flotilla.compression settings are required (CompressionConfig.none())");
        }
        if (security == SecurityMode.SECAGG && compression.codec().isPresent()) {
            throw new IllegalArgumentException("flotilla.compression (" + compression.method() + ") cannot be "
                    + "combined with flotilla.security = secagg: secure aggregation sums masked dense vectors, "
                    + "which per-client sparse or rescaled updates are not; use security = envelope or turn "
                    + "compression off (topk = 0, quantize_bits = 0)");
        }
        if (minFitClients > minAvailableClients) {
            throw new IllegalArgumentException("flotilla.min_fit_clients (" + minFitClients
                    + ") must be <= flotilla.min_available_clients (" + minAvailableClients + ")");
        }
        if (cohort > 0 && cohort < minFitClients) {
            throw new IllegalArgumentException("flotilla.cohort (" + cohort + ") must be >= flotilla.min_fit_clients ("
                    + minFitClients + ")");
        }
        if (!Strategies.NAMES.contains(strategy)) {
            throw new IllegalArgumentException("flotilla.strategy must be one of " + Strategies.NAMES + ", got "
                    + strategy);
        }
        if (strategySettings == null || !strategySettings.name().equals(strategy)) {
            throw new IllegalArgumentException("flotilla.strategy settings must name " + strategy);
        }
        if (privacy == null) {
            throw new IllegalArgumentException("flotilla.privacy settings are required (PrivacySettings.off())");
        }
        if (privacy.enabled() && strategySettings.isRobust()) {
            throw new IllegalArgumentException("flotilla.privacy.mode = " + privacy.mode() + " needs a mean-based "
                    + "flotilla.strategy (the Gaussian mechanism's analysis covers sums), got " + strategy);
        }
        if (privacy.enabled() && strategySettings.normBound() > 0) {
            // DP-FedAvg feeds its noised mean through the inner strategy's accumulator, which would clip it again.
            throw new IllegalArgumentException("flotilla.strategy.norm-bound cannot be combined with flotilla.privacy"
                    + ": DP-FedAvg already clips every update to privacy.clipping_norm; drop the norm bound");
        }
        if (security == SecurityMode.SECAGG && privacy.enabled()
                && (privacy.mode().equals("server") || privacy.mode().equals("adaptive"))) {
            throw new IllegalArgumentException("flotilla.privacy.mode = " + privacy.mode() + " clips and noises "
                    + "individual deltas on the coordinator, which never sees them with flotilla.security = secagg;"
                    + " use privacy.mode = client or local");
        }
        int smallestCohort = Math.max(1, Math.min(minAvailableClients, cohort > 0 ? cohort
                : (int) Math.ceil(cohortFraction * minAvailableClients)));
        if (security == SecurityMode.SECAGG && smallestCohort < 3) {
            throw new IllegalArgumentException("flotilla.security = secagg needs cohorts of at least 3 clients (with "
                    + "2, each learns the other's delta from the sum); flotilla.cohort, cohort_fraction and "
                    + "min_available_clients allow a cohort of " + smallestCohort);
        }
    }

    /** A configuration with the default update bounds and retry of abandoned rounds. */
    public CoordinatorConfig(int rounds, String model, int minAvailableClients, int cohort, double cohortFraction,
                             int minFitClients, double minFitFraction, Duration roundTimeout, Duration fetchTimeout,
                             TrainConfig local, String strategy, SecurityMode security, long seed, Path checkpointDir,
                             int checkpointKeep, Path metricsFile, boolean centralizedEvaluation, String rendered,
                             StrategySettings strategySettings, PruningConfig pruning, PrivacySettings privacy,
                             CompressionConfig compression, FederatedEvaluationSettings federatedEvaluation) {
        this(rounds, model, minAvailableClients, cohort, cohortFraction, minFitClients, minFitFraction, roundTimeout,
                fetchTimeout, local, strategy, security, seed, checkpointDir, checkpointKeep, metricsFile,
                centralizedEvaluation, rendered, strategySettings, pruning, privacy, compression, federatedEvaluation,
                UpdateBounds.defaults(), RoundRetry.defaults());
    }

    /** A configuration without federated evaluation. */
    public CoordinatorConfig(int rounds, String model, int minAvailableClients, int cohort, double cohortFraction,
                             int minFitClients, double minFitFraction, Duration roundTimeout, Duration fetchTimeout,
                             TrainConfig local, String strategy, SecurityMode security, long seed, Path checkpointDir,
                             int checkpointKeep, Path metricsFile, boolean centralizedEvaluation, String rendered,
                             StrategySettings strategySettings, PruningConfig pruning, PrivacySettings privacy,
                             CompressionConfig compression) {
        this(rounds, model, minAvailableClients, cohort, cohortFraction, minFitClients, minFitFraction, roundTimeout,
                fetchTimeout, local, strategy, security, seed, checkpointDir, checkpointKeep, metricsFile,
                centralizedEvaluation, rendered, strategySettings, pruning, privacy, compression,
                FederatedEvaluationSettings.off());
    }

    /** A configuration without update compression. */
    public CoordinatorConfig(int rounds, String model, int minAvailableClients, int cohort, double cohortFraction,
                             int minFitClients, double minFitFraction, Duration roundTimeout, Duration fetchTimeout,
                             TrainConfig local, String strategy, SecurityMode security, long seed, Path checkpointDir,
                             int checkpointKeep, Path metricsFile, boolean centralizedEvaluation, String rendered,
                             StrategySettings strategySettings, PruningConfig pruning, PrivacySettings privacy) {
        this(rounds, model, minAvailableClients, cohort, cohortFraction, minFitClients, minFitFraction, roundTimeout,
                fetchTimeout, local, strategy, security, seed, checkpointDir, checkpointKeep, metricsFile,
                centralizedEvaluation, rendered, strategySettings, pruning, privacy, CompressionConfig.none());
    }

    /** A configuration with the named strategy at its default settings, no pruning and no privacy. */
    public CoordinatorConfig(int rounds, String model, int minAvailableClients, int cohort, double cohortFraction,
                             int minFitClients, double minFitFraction, Duration roundTimeout, Duration fetchTimeout,
                             TrainConfig local, String strategy, SecurityMode security, long seed, Path checkpointDir,
                             int checkpointKeep, Path metricsFile, boolean centralizedEvaluation, String rendered) {
        this(rounds, model, minAvailableClients, cohort, cohortFraction, minFitClients, minFitFraction, roundTimeout,
                fetchTimeout, local, strategy, security, seed, checkpointDir, checkpointKeep, metricsFile,
                centralizedEvaluation, rendered, defaults(strategy), null, PrivacySettings.off());
    }

    private static StrategySettings defaults(String name) {
        if (!Strategies.NAMES.contains(name)) {
            throw new IllegalArgumentException("flotilla.strategy must be one of " + Strategies.NAMES + ", got "
                    + name);
        }
        return StrategySettings.defaults(name);
    }

    /** Reads and validates the {@code flotilla} section of {@code config} (resolved with reference defaults). */
    public static CoordinatorConfig from(Config config) {
        ConfigReader r = new ConfigReader(config, "flotilla");
        TrainConfig local = new TrainConfig(
                r.intAtLeast("local.epochs", 1),
                r.intAtLeast("local.batch_size", 1),
                (float) r.doubleIn("local.lr", 0, false, 10),
                (float) r.doubleIn("local.momentum", 0, true, 0.999999),
                (float) r.doubleIn("local.weight_decay", 0, true, 1),
                r.getBoolean("local.nesterov"),
                optimizer(r),
                (float) r.doubleIn("local.proximal_mu", 0, true, 1e6));
        SecurityMode security;
        try {
            security = SecurityMode.parse(r.nonEmpty("security"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("flotilla.security: " + e.getMessage(), e);
        }
        StrategySettings strategy = strategySettings(config);
        PrivacySettings privacy = PrivacySettings.from(config);
        local = privacy.applyDpSgd(local);
        CoordinatorConfig c = new CoordinatorConfig(
                r.intAtLeast("rounds", 1),
                r.nonEmpty("model"),
                r.intAtLeast("min_available_clients", 1),
                r.intAtLeast("cohort", 0),
                r.doubleIn("cohort_fraction", 0, false, 1),
                r.intAtLeast("min_fit_clients", 1),
                r.doubleIn("min_fit_fraction", 0, true, 1),
                r.positiveDuration("round_timeout"),
                r.positiveDuration("fetch_timeout"),
                local,
                strategy.name(),
                security,
                r.getLong("seed"),
                Path.of(r.nonEmpty("checkpoint.dir")),
                r.intAtLeast("checkpoint.keep", 1),
                Path.of(r.nonEmpty("metrics.file")),
                r.getBoolean("evaluation.centralized"),
                config.getConfig("flotilla").root().render(ConfigRenderOptions.concise()),
                strategy,
                PruningSection.from(config),
                privacy,
                CompressionSection.from(config, "flotilla.compression"),
                FederatedEvaluationSettings.from(r),
                UpdateBounds.from(r),
                RoundRetry.from(r));
        c.checkStrategyCompatible();
        c.privacy().checkSampling(c.cohortSize(c.privacyPopulation()), c.privacyPopulation());
        return c;
    }

    /**
     * Refuses, naming {@code flotilla.strategy}, a strategy that cannot run in this federation's shape (robust
     * aggregators with secure aggregation, Krum's n > 2f + 2, buffer limits), judged at the smallest federation
     * the configuration allows to start ({@code min_available_clients}).
     */
    public void checkStrategyCompatible() {
        int size = cohortSize(minAvailableClients);
        try {
            Strategies.checkCompatible(strategySettings, size, quorum(size),
                    security.configName().equals("secagg"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("flotilla.strategy = " + strategy + ": " + e.getMessage(), e);
        }
    }

    private static StrategySettings strategySettings(Config config) {
        String key = "flotilla.strategy";
        if (!config.hasPath(key)) {
            throw new IllegalArgumentException(key + " is required");
        }
        try {
            if (config.getValue(key).valueType() == ConfigValueType.OBJECT) {
                return StrategySettings.fromConfig(config.getConfig(key));
            }
            return defaults(config.getString(key).trim().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException | com.typesafe.config.ConfigException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(key)) {
                throw e;
            }
            throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
        }
    }

    /**
     * The expected cohort size m for the privacy accountant: the configured count, or the fraction of the
     * population, which is {@code privacy.population} or else {@code min_available_clients}.
     */
    public int privacyPopulation() {
        return privacy.population() > 0 ? privacy.population() : minAvailableClients;
    }

    private static TrainConfig.Optimizer optimizer(ConfigReader r) {
        String name = r.nonEmpty("local.optimizer");
        try {
            return TrainConfig.Optimizer.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(r.key("local.optimizer") + " must be sgd or adam, got " + name, e);
        }
    }

    /** Cohort size for {@code available} registered clients: the count, or the fraction rounded up, at most all. */
    public int cohortSize(int available) {
        int want = cohort > 0 ? cohort : (int) Math.ceil(cohortFraction * available);
        return Math.max(1, Math.min(available, want));
    }

    /** Accepted updates needed to close a round of {@code cohortSize} members at its deadline. */
    public int quorum(int cohortSize) {
        int byFraction = (int) Math.ceil(minFitFraction * cohortSize);
        return Math.min(cohortSize, Math.max(minFitClients, byFraction));
    }
}
