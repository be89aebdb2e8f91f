package io.flotilla.simulation.scenario;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigValue;
import io.flotilla.nn.WeightInit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A resolved, validated simulation scenario. Built only by {@link ScenarioLoader}; {@link #config()} keeps the
 * merged configuration so the run directory can record exactly what ran.
 */
public record Scenario(
        String model,
        WeightInit init,
        String dataset,
        String dataDir,
        PartitionSettings partition,
        int clients,
        double cohort,
        int rounds,
        double minFitFraction,
        double roundTimeoutSeconds,
        LocalSettings local,
        StrategySettings strategy,
        String security,
        SecAggScenarioSettings secagg,
        PruningSettings pruning,
        CompressionSettings compression,
        FaultSettings faults,
        AttackSettings attacks,
        PrivacySettings privacy,
        EvaluationSettings evaluation,
        UpdateBoundsSettings updates,
        long seed,
        boolean deterministic,
        Config config) {

    private static final Set<String> SECURITY = Set.of("none", "envelope", "secagg");

    public Scenario {
        require(clients >= 1, "clients", "must be at least 1", clients);
        require(cohort > 0 && (cohort <= 1 || cohort == Math.rint(cohort)), "cohort",
                "must be a fraction in (0, 1] or a whole count", cohort);
        require(cohort <= 1 || cohort <= clients, "cohort", "must not exceed clients (" + clients + ")", cohort);
        require(partition.labelSets().isEmpty() || partition.labelSets().size() == clients, "partition.label_sets",
                "must give one label set per client (" + clients + ")", partition.labelSets().size() + " sets");
        require(partition.labelCounts().isEmpty() || partition.labelCounts().size() == clients,
                "partition.label_counts", "must give one row of counts per client (" + clients + ")",
                partition.labelCounts().size() + " rows");
        require(rounds >= 1, "rounds", "must be at least 1", rounds);
        require(minFitFraction > 0 && minFitFraction <= 1, "min_fit_fraction", "must be in (0, 1]", minFitFraction);
        require(roundTimeoutSeconds > 0, "round_timeout_seconds", "must be positive", roundTimeoutSeconds);
        require(!evaluation.federated() || evaluation.federatedMinClients() <= clients,
                "evaluation.federated.min_clients", "must not exceed clients (" + clients + ")",
                evaluation.federatedMinClients());
        require(SECURITY.contains(security), "security", "must be one of " + SECURITY, security);
        require(!(compression.enabled() && security.equals("secagg")), "compression.topk / compression.quantize_bits",
                "cannot be combined with security = secagg (secure aggregation sums dense masked vectors; use "
                        + "security = envelope)", compression.topk() + " / " + compression.quantizeBits());
        if (security.equals("secagg")) {
            try {
                secagg.toSettings().configFor(cohortSizeOf(cohort, clients), 1, 0);
            } catch (IllegalArgumentException e) {
                throw new ScenarioException("security = secagg cannot serve a cohort of " + cohortSizeOf(cohort,
                        clients) + ": " + e.getMessage().replace("flotilla.secagg.", "secagg.")
                        .replace("flotilla.secagg", "secagg"));
            }
        }
    }

    static void require(boolean ok, String key, String rule, Object value) {
        if (!ok) {
            throw new ScenarioException(key + " " + rule + ", got " + value);
        }
    }

    /** Number of clients sampled each round. */
    public int cohortSize() {
        return cohortSizeOf(cohort, clients);
    }

    private static int cohortSizeOf(double cohort, int clients) {
        return cohort <= 1 ? Math.max(1, (int) Math.round(cohort * clients)) : (int) cohort;
    }

    static Scenario from(Config c) {
        return new Scenario(
                c.getString("model"),
                parseInit(c.getString("init")),
                c.getString("dataset"),
                c.getString("data_dir"),
                new PartitionSettings(lower(c, "partition.kind"), c.getDouble("partition.alpha"),
                        c.getInt("partition.labels_per_client"), c.getInt("partition.shards_per_client"),
                        c.getDouble("partition.test_fraction"), labelRows(c, "partition.label_sets", true),
                        labelRows(c, "partition.label_counts", false)),
                c.getInt("clients"),
                c.getDouble("cohort"),
                c.getInt("rounds"),
                c.getDouble("min_fit_fraction"),
                c.getDouble("round_timeout_seconds"),
                new LocalSettings(c.getInt("local.epochs"), c.getInt("local.batch_size"), c.getDouble("local.lr"),
                        c.getDouble("local.momentum"), c.getDouble("local.weight_decay"),
                        c.getBoolean("local.nesterov"), lower(c, "local.optimizer"), c.getDouble("local.proximal_mu")),
                new StrategySettings(lower(c, "strategy.kind"), c.getDouble("strategy.server_lr"),
                        c.getDouble("strategy.eta"),
                        c.getDouble("strategy.server_momentum"), c.getDouble("strategy.beta1"),
                        c.getDouble("strategy.beta2"), c.getDouble("strategy.tau"), c.getDouble("strategy.trim_beta"),
                        c.getInt("strategy.byzantine"), c.getDouble("strategy.norm_bound")),
                lower(c, "security"),
                new SecAggScenarioSettings(c.getDouble("secagg.threshold"), c.getInt("secagg.neighbours"),
                        c.getDouble("secagg.clip_range"), c.getInt("secagg.quantisation_bits"),
                        c.getLong("secagg.max_weight"), c.getDouble("secagg.clip_warn_fraction"),
                        c.getDouble("secagg.advertise_timeout_seconds"), c.getDouble("secagg.share_timeout_seconds"),
                        c.getDouble("secagg.unmask_timeout_seconds")),
                new PruningSettings(c.getDouble("pruning.target_sparsity"), lower(c, "pruning.schedule"),
                        c.getInt("pruning.start_round"), c.getInt("pruning.end_round"), c.getInt("pruning.frequency")),
                new CompressionSettings(c.getDouble("compression.topk"), c.getInt("compression.quantize_bits"),
                        c.getBoolean("compression.error_feedback"), c.getInt("compression.chunk_size")),
                new FaultSettings(c.getDouble("faults.dropout"), c.getDouble("faults.midtrain_dropout"),
                        c.getDouble("faults.straggler_sigma"), c.getDouble("faults.bandwidth_mbps"),
                        c.getDouble("faults.latency_ms"), c.getDouble("faults.device_examples_per_second"),
                        c.getDouble("faults.crash"), c.getInt("faults.crash_rounds")),
                new AttackSettings(c.getDouble("attacks.fraction"), lower(c, "attacks.kind"), c.getDouble("attacks.scale")),
                new PrivacySettings(lower(c, "privacy.mode"), c.getDouble("privacy.noise_multiplier"),
                        c.getDouble("privacy.clipping_norm"), c.getDouble("privacy.delta"),
                        c.getDouble("privacy.target_epsilon"), lower(c, "privacy.sampling"),
                        c.getDouble("privacy.dpsgd.noise_multiplier"), c.getDouble("privacy.dpsgd.clipping_norm")),
                new EvaluationSettings(c.getBoolean("evaluation.centralized"), c.getInt("evaluation.federated.every"),
                        c.getDouble("evaluation.federated.fraction"), c.getInt("evaluation.federated.min_clients"),
                        c.getDouble("evaluation.federated.timeout_seconds")),
                new UpdateBoundsSettings(c.getInt("updates.max_examples"), c.getDouble("updates.max_norm_ratio"),
                        c.getDouble("updates.norm_floor")),
                c.getLong("seed"),
                c.getBoolean("deterministic"),
                c);
    }

    /** Rows of non-negative whole numbers at {@code key}; {@code sets}: each row non-empty and distinct. */
    private static List<List<Integer>> labelRows(Config c, String key, boolean sets) {
        List<List<Integer>> rows = new ArrayList<>();
        for (ConfigValue v : c.getList(key)) {
            if (!(v instanceof ConfigList list)) {
                throw new ScenarioException(key + " must be a list of lists, one per client, such as "
                        + (sets ? "[[0, 7], [1, 6]]" : "[[600, 0, 12, ...], ...]") + ", got " + v.render());
            }
            List<Integer> row = new ArrayList<>();
            for (ConfigValue n : list) {
                if (!(n.unwrapped() instanceof Integer i) || i < 0) {
                    throw new ScenarioException(key + " holds non-negative whole numbers, got " + n.render());
                }
                row.add(i);
            }
            if (sets && (row.isEmpty() || new HashSet<>(row).size() != row.size())) {
                throw new ScenarioException(key + " needs a non-empty set of distinct labels per client, got "
                        + v.render());
            }
            rows.add(row);
        }
        return rows;
    }

    private static WeightInit parseInit(String name) {
        try {
            return WeightInit.parse(name);
        } catch (IllegalArgumentException e) {
            throw new ScenarioException("init must be he or torch, got " + name);
        }
    }

    private static String lower(Config c, String key) {
        return c.getString(key).trim().toLowerCase(Locale.ROOT);
    }
}
