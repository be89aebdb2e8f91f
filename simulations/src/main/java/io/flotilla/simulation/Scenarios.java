package io.flotilla.simulation;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.flotilla.client.ClientPrivacy;
import io.flotilla.node.ClusterSetup;
import io.flotilla.privacy.ClientNoiseMode;
import io.flotilla.privacy.InsecureSeededNoise;
import io.flotilla.privacy.NoiseSource;
import io.flotilla.privacy.SecureGaussianNoise;
import io.flotilla.pruning.compression.CompressionConfig;
import io.flotilla.pruning.compression.UpdateCompressor;
import io.flotilla.simulation.faults.FaultPlan;
import io.flotilla.simulation.scenario.Scenario;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a {@link Scenario} into the deployment's own configuration and parts, so simulations run what ships. Public
 * for the multi-node runner ({@code io.flotilla.simulation.multinode}), which builds its nodes from the same parts.
 */
public final class Scenarios {
    private Scenarios() {
    }

    /** The seeded fates of the scenario's clients. */
    public static FaultPlan faultPlan(Scenario s) {
        return new FaultPlan(s.seed(), s.faults().dropout(), s.faults().midtrainDropout(), s.faults().stragglerSigma(),
                s.attacks().fraction(), s.faults().bandwidthMbps(), s.faults().latencyMs(), s.faults().crash());
    }

    /** The coordinator's {@code flotilla} section for this scenario; checkpoints and metrics go to {@code work}. */
    public static Config coordinatorConfig(Scenario s, Path work) {
        Map<String, Object> f = new HashMap<>();
        f.put("rounds", s.rounds());
        f.put("model", s.model());
        f.put("min_available_clients", s.clients());
        f.put("cohort", s.cohortSize());
        f.put("cohort_fraction", 1.0);
        f.put("min_fit_clients", 1);
        f.put("min_fit_fraction", s.minFitFraction());
        f.put("round_timeout", (long) (s.roundTimeoutSeconds() * 1000) + "ms");
        f.put("local.epochs", s.local().epochs());
        f.put("local.batch_size", s.local().batchSize());
        f.put("local.lr", s.local().lr());
        f.put("local.momentum", s.local().momentum());
        f.put("local.weight_decay", s.local().weightDecay());
        f.put("local.nesterov", s.local().nesterov());
        f.put("local.optimizer", s.local().optimizer());
        f.put("local.proximal_mu", s.local().proximalMu());
        strategy(s).forEach((k, v) -> f.put("strategy." + k, v));
        var pr = s.pruning();
        f.put("pruning.target_sparsity", pr.targetSparsity());
        f.put("pruning.schedule", pr.schedule());
        f.put("pruning.start_round", pr.startRound());
        f.put("pruning.end_round", pr.endRound());
        f.put("pruning.frequency", pr.frequency());
        var p = s.privacy();
        f.put("privacy.mode", p.mode());
        f.put("privacy.noise_multiplier", p.noiseMultiplier());
        f.put("privacy.clipping_norm", p.clippingNorm());
        f.put("privacy.delta", p.delta());
        f.put("privacy.target_epsilon", p.targetEpsilon());
        // Seeded noise makes deterministic runs reproducible and gives no privacy; the figures are the same.
        f.put("privacy.noise", s.deterministic() ? "seeded-insecure" : "secure");
        f.put("privacy.population", s.clients());
        f.put("privacy.sampling", p.sampling());
        f.put("privacy.dpsgd.noise_multiplier", p.dpSgdNoiseMultiplier());
        f.put("privacy.dpsgd.clipping_norm", p.dpSgdClipNorm());
        var cp = s.compression();
        f.put("compression.topk", cp.topk());
        f.put("compression.quantize_bits", cp.quantizeBits());
        f.put("compression.error_feedback", cp.errorFeedback());
        f.put("compression.chunk_size", cp.chunkSize());
        f.put("security", s.security());
        f.put("updates.max_examples", s.updates().maxExamples());
        f.put("updates.max_norm_ratio", s.updates().maxNormRatio());
        f.put("updates.norm_floor", s.updates().normFloor());
        s.secagg().coordinatorSection().forEach((k, v) -> f.put("secagg." + k, v));
        f.put("seed", s.seed());
        f.put("checkpoint.dir", work.resolve("checkpoints").toString());
        f.put("checkpoint.keep", 2);
        f.put("metrics.file", work.resolve("coordinator-rounds.jsonl").toString());
        var ev = s.evaluation();
        f.put("evaluation.centralized", ev.centralized());
        f.put("evaluation.federated.every", ev.federatedEvery());
        f.put("evaluation.federated.fraction", ev.federatedFraction());
        f.put("evaluation.federated.min_clients", ev.federatedMinClients());
        f.put("evaluation.federated.timeout", (long) (ev.federatedTimeoutSeconds() * 1000) + "ms");
        f.put("cluster.hostname", "127.0.0.1");
        f.put("cluster.port", 0);
        Config c = ConfigFactory.empty();
        for (Map.Entry<String, Object> e : f.entrySet()) {
            c = c.withValue("flotilla." + e.getKey(), ConfigValueFactory.fromAnyRef(e.getValue()));
        }
        return c;
    }

    /**
     * The actor system configuration of the single simulation node: one training thread per core, Artery over mutual
     * TLS with the coordinator's throwaway certificate in {@code tlsKeys} ({@link RunKeys#tlsDir()}).
     */
    static Config nodeConfig(Config flotilla, Path tlsKeys) {
        int cores = Runtime.getRuntime().availableProcessors();
        Config sim = ConfigFactory.empty()
                .withValue("flotilla-training-dispatcher.thread-pool-executor.fixed-pool-size",
                        ConfigValueFactory.fromAnyRef(cores))
                // Akka Cluster needs a remote provider, so even a one-JVM cluster binds a loopback port; mutual TLS
                // with a certificate that exists only in this run keeps every other local process off it.
                .withValue("flotilla.tls", ConfigValueFactory.fromAnyRef(true))
                .withValue("flotilla.keys.dir", ConfigValueFactory.fromAnyRef(tlsKeys.toString()))
                .withValue("flotilla.keys.name", ConfigValueFactory.fromAnyRef(RunKeys.COORDINATOR))
                .withValue("akka.loglevel", ConfigValueFactory.fromAnyRef("WARNING"))
                .withValue("akka.cluster.log-info", ConfigValueFactory.fromAnyRef(false))
                .withValue("akka.cluster.jmx.multi-mbeans-in-same-jvm", ConfigValueFactory.fromAnyRef("on"));
        return ClusterSetup.nodeConfig(sim.withFallback(flotilla), "coordinator");
    }

    /** The {@code flotilla.strategy} section for the scenario's {@code strategy.*} keys. */
    static Map<String, Object> strategy(Scenario s) {
        var st = s.strategy();
        Map<String, Object> options = new HashMap<>();
        options.put("name", st.kind());
        switch (st.kind()) {
            case "fedavgm" -> {
                options.put("server-learning-rate", st.serverLr());
                options.put("server-momentum", st.serverMomentum());
            }
            case "fedadam", "fedyogi", "fedadagrad" -> {
                options.put("eta", st.eta());
                options.put("beta1", st.beta1());
                options.put("beta2", st.beta2());
                options.put("tau", st.tau());
            }
            case "fedprox" -> options.put("proximal-mu", s.local().proximalMu() > 0 ? s.local().proximalMu() : 0.01);
            case "trimmed_mean" -> options.put("trim-beta", st.trimBeta());
            case "krum", "multikrum" -> options.put("byzantine", st.byzantine());
            default -> {
                // fedavg and median take no settings.
            }
        }
        if (st.normBound() > 0) {
            options.put("norm-bound", st.normBound());
        }
        options.put("max-buffered-updates", Math.max(100, s.cohortSize()));
        return options;
    }

    /** The update compressor of one virtual client (it holds that client's residual), or null without compression. */
    static UpdateCompressor clientCompressor(Scenario s) {
        var cp = s.compression();
        if (!cp.enabled()) {
            return null;
        }
        return new UpdateCompressor(CompressionConfig.fromSettings("compression", cp.topk(), cp.quantizeBits(),
                cp.errorFeedback(), cp.chunkSize()));
    }

    /** Client-side DP for virtual client {@code c} when the scenario's privacy mode needs it, else null. */
    static ClientPrivacy clientPrivacy(Scenario s, int c) {
        var p = s.privacy();
        if (!p.mode().equals("client") && !p.mode().equals("local")) {
            return null;
        }
        NoiseSource noise = s.deterministic() ? new InsecureSeededNoise(s.seed() * 1_000_003L + c)
                : new SecureGaussianNoise();
        return new ClientPrivacy(p.mode().equals("local") ? ClientNoiseMode.LOCAL : ClientNoiseMode.DISTRIBUTED,
                p.clippingNorm(), p.noiseMultiplier(), s.cohortSize(), noise);
    }
}
