package io.flotilla.coordinator;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigRenderOptions;
import io.flotilla.nn.TrainConfig;
import io.flotilla.wire.protocol.node.ConfigReader;
import io.flotilla.wire.protocol.SecurityMode;
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
 * @param strategy aggregation strategy name ({@code fedavg})
 * @param security update protection; {@code none} is explicit and logged as insecure
 * @param seed seed of cohort sampling and of clients' local training
 * @param checkpointDir where checkpoints go
 * @param checkpointKeep how many checkpoints to keep
 * @param metricsFile JSON-lines file of round metrics
 * @param centralizedEvaluation evaluate on the coordinator's held-out set after each round (when one is given)
 * @param rendered the resolved {@code flotilla} section as JSON, stored in checkpoints for provenance
 */
public record CoordinatorConfig(int rounds, String model, int minAvailableClients, int cohort, double cohortFraction,
                                int minFitClients, double minFitFraction, Duration roundTimeout,
                                Duration fetchTimeout, TrainConfig local, String strategy, SecurityMode security,
                                long seed, Path checkpointDir, int checkpointKeep, Path metricsFile,
                                boolean centralizedEvaluation, String rendered) {

    public CoordinatorConfig {
        if (minFitClients > minAvailableClients) {
            throw new IllegalArgumentException("flotilla.min_fit_clients (" + minFitClients
                    + ") must be <= flotilla.min_available_clients (" + minAvailableClients + ")");
        }
        if (cohort > 0 && cohort < minFitClients) {
            throw new IllegalArgumentException("flotilla.cohort (" + cohort + ") must be >= flotilla.min_fit_clients ("
                    + minFitClients + ")");
        }
        if (!strategy.equals("fedavg")) {
            throw new IllegalArgumentException("flotilla.strategy must be one of [fedavg], got " + strategy);
        }
        if (security == SecurityMode.SECAGG) {
            throw new IllegalArgumentException("flotilla.security = secagg is not wired into the round loop yet; "
                    + "use envelope (the default) or none (insecure, explicit)");
        }
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
        return new CoordinatorConfig(
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
                r.nonEmpty("strategy"),
                security,
                r.getLong("seed"),
                Path.of(r.nonEmpty("checkpoint.dir")),
                r.intAtLeast("checkpoint.keep", 1),
                Path.of(r.nonEmpty("metrics.file")),
                r.getBoolean("evaluation.centralized"),
                config.getConfig("flotilla").root().render(ConfigRenderOptions.concise()));
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
