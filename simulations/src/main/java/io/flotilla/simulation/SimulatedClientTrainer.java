package io.flotilla.simulation;

import io.flotilla.data.Dataset;
import io.flotilla.fit.TrainConfig;
import io.flotilla.model.ParameterMask;
import io.flotilla.model.ParameterSet;
import io.flotilla.nn.EvalResult;
import io.flotilla.nn.LocalTrainer;
import io.flotilla.nn.ModelSpec;
import io.flotilla.nn.NeuralTrainer;
import io.flotilla.nn.TrainResult;
import io.flotilla.simulation.faults.AttackKind;
import io.flotilla.simulation.faults.FaultPlan;

/**
 * The trainer of one virtual client: the built-in engine plus the simulation's faults and attacks, applied
 * where a real device would suffer or commit them, so the client agent and coordinator run unchanged.
 *
 * <p>Engines are pooled per training thread rather than per client (one engine holds a batch's activations), so
 * ten thousand clients cost as many engines as the training dispatcher has threads. A dropout is a failed
 * training run, which the agent reports to the coordinator as a refusal; an update attack rewrites
 * {@code local = global + attack(local - global)}.
 */
final class SimulatedClientTrainer implements LocalTrainer {
    /** A simulated dropout; the message reaches the coordinator's log as the refusal reason. */
    static final class SimulatedDropout extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SimulatedDropout(String message) {
            super(message, null, false, false);
        }
    }

    private final ThreadLocal<NeuralTrainer> engines;
    private final int client;
    private final FaultPlan faults;
    private final AttackKind attack;
    private final double attackScale;
    private final double deadlineSeconds;
    private final double deviceExamplesPerSecond;
    private final long downloadBytes;
    private final long uploadBytes;
    private int participation;

    SimulatedClientTrainer(ThreadLocal<NeuralTrainer> engines, int client, FaultPlan faults, AttackKind attack,
                           double attackScale, double deadlineSeconds, double deviceExamplesPerSecond,
                           long downloadBytes, long uploadBytes) {
        this.engines = engines;
        this.client = client;
        this.faults = faults;
        this.attack = attack;
        this.attackScale = attackScale;
        this.deadlineSeconds = deadlineSeconds;
        this.deviceExamplesPerSecond = deviceExamplesPerSecond;
        this.downloadBytes = downloadBytes;
        this.uploadBytes = uploadBytes;
    }

    /** One engine per training thread for {@code spec}. */
    static ThreadLocal<NeuralTrainer> enginePool(ModelSpec spec) {
        return enginePool(spec, false);
    }

    /**
     * One engine per training thread; with {@code seededDpSgdNoise} (deterministic scenarios) DP-SGD noise is
     * seeded by each run's seed, reproducible and predictable (no privacy, same figures).
     */
    static ThreadLocal<NeuralTrainer> enginePool(ModelSpec spec, boolean seededDpSgdNoise) {
        return ThreadLocal.withInitial(() -> seededDpSgdNoise ? NeuralTrainer.withInsecureSeededDpSgdNoise(spec)
                : new NeuralTrainer(spec));
    }

    @Override
    public TrainResult train(ParameterSet initial, Dataset data, TrainConfig config, long seed) {
        return train(initial, data, config, seed, null);
    }

    /** As the unmasked form, with pruned weights held at zero after every step when {@code mask} is given. */
    @Override
    public TrainResult train(ParameterSet initial, Dataset data, TrainConfig config, long seed, ParameterMask mask) {
        // The round is not part of the trainer's contract; the client's n-th participation keys its fate instead,
        // which is as reproducible (the cohort sampler is seeded) and keeps the agent unchanged.
        int turn = ++participation;
        if (faults.dropsBeforeAnswering(client, turn)) {
            throw new SimulatedDropout("simulated dropout (client unavailable this round)");
        }
        double simulated = faults.slowdown(client) * data.size() * config.epochs() / deviceExamplesPerSecond
                + faults.transferSeconds(downloadBytes) + faults.transferSeconds(uploadBytes);
        if (simulated > deadlineSeconds) {
            throw new SimulatedDropout(String.format(java.util.Locale.ROOT,
                    "simulated straggler: %.1f s of simulated device time exceeds the %.0f s deadline",
                    simulated, deadlineSeconds));
        }
        TrainResult r = mask == null ? engines.get().train(initial, data, config, seed)
                : engines.get().train(initial, data, config, seed, mask);
        if (faults.dropsDuringTraining(client, turn)) {
            throw new SimulatedDropout("simulated failure during local training");
        }
        if (!attack.altersUpdate()) {
            return r;
        }
        float[] local = r.parameters().values();
        float[] global = initial.values();
        float[] delta = new float[local.length];
        for (int i = 0; i < delta.length; i++) {
            delta[i] = local[i] - global[i];
        }
        attack.applyInPlace(delta, attackScale, faults.attackRandom(client, turn));
        for (int i = 0; i < delta.length; i++) {
            local[i] = global[i] + delta[i];
        }
        return r;
    }

    @Override
    public EvalResult evaluate(ParameterSet parameters, Dataset data) {
        return engines.get().evaluate(parameters, data);
    }
}
