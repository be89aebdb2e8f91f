package io.flotilla.nn;

import io.flotilla.data.Dataset;
import io.flotilla.fit.TrainConfig;
import io.flotilla.model.ParameterMask;
import io.flotilla.model.ParameterSet;
import io.flotilla.privacy.InsecureSeededNoise;
import io.flotilla.privacy.NoiseSource;
import io.flotilla.privacy.SecureGaussianNoise;
import java.util.Arrays;

/**
 * The built-in engine: trains a {@link ModelSpec} with mini-batch SGD or Adam on batch-major float arrays, the
 * matrix products going through the parallel {@link io.flotilla.nn.kernel.Gemm}.
 *
 * <p>Deterministic: the same initial parameters, data, configuration and seed give bit-identical results (the
 * seed drives the shuffle and dropout). Buffers and optimizer state are allocated once per batch size and kept
 * for the next call, so a simulation that trains many clients in turn on one trainer does not churn memory.
 * Not thread-safe: use one trainer per thread.
 *
 * <p>Example-level DP-SGD ({@link TrainConfig#dpSgd()}) draws its noise from a {@link SecureGaussianNoise}
 * created on first use, or, for a trainer made by {@link #withInsecureSeededDpSgdNoise}, from a generator seeded
 * by each run's seed (reproducible simulations only: predictable noise gives no privacy).
 */
public final class NeuralTrainer implements LocalTrainer {
    /** Batch capacity used for evaluation when no training has sized the buffers yet. */
    private static final int EVAL_BATCH = 128;

    private final ModelSpec spec;
    private Network network;
    private Optimizer optimizer;
    private TrainConfig optimizerConfig;
    private final boolean insecureSeededDpNoise;
    private NoiseSource secureDpNoise;

    public NeuralTrainer(ModelSpec spec) {
        this(spec, false);
    }

    private NeuralTrainer(ModelSpec spec, boolean insecureSeededDpNoise) {
        if (spec == null) {
            throw new IllegalArgumentException("model spec must not be null");
        }
        this.spec = spec;
        this.insecureSeededDpNoise = insecureSeededDpNoise;
    }

    /**
     * A trainer whose DP-SGD noise is seeded by each run's seed: runs are reproducible and the noise is
     * predictable, so this gives NO privacy. Only for deterministic simulations and tests.
     */
    public static NeuralTrainer withInsecureSeededDpSgdNoise(ModelSpec spec) {
        return new NeuralTrainer(spec, true);
    }

    private NoiseSource dpNoise(TrainConfig config, long seed) {
        if (!config.dpSgd()) {
            return null;
        }
        if (insecureSeededDpNoise) {
            return new InsecureSeededNoise(seed ^ 0x6A09E667F3BCC909L);
        }
        if (secureDpNoise == null) {
            secureDpNoise = new SecureGaussianNoise();
        }
        return secureDpNoise;
    }

    public ModelSpec spec() {
        return spec;
    }

    @Override
    public TrainResult train(ParameterSet initial, Dataset data, TrainConfig config, long seed) {
        return train(initial, data, config, seed, null);
    }

    /**
     * Like {@link #train(ParameterSet, Dataset, TrainConfig, long)}, and when {@code mask} is not null its pruned
     * parameters are zeroed at the start and after every optimizer step, so they stay exactly zero.
     */
    public TrainResult train(ParameterSet initial, Dataset data, TrainConfig config, long seed, ParameterMask mask) {
        long start = System.nanoTime();
        TrainingSession session = session(initial, config, seed, mask);
        EvalResult last = null;
        for (int e = 0; e < config.epochs(); e++) {
            last = session.runEpoch(data, BatchListener.NONE);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        // The examples count is the local dataset's size: the coordinator's DP-SGD accountant derives q from it.
        return new TrainResult(session.parameters(), data.size(), last.loss(), last.accuracy(), seconds);
    }

    /** Starts a run that the caller advances epoch by epoch; see {@link TrainingSession}. */
    public TrainingSession session(ParameterSet initial, TrainConfig config, long seed, ParameterMask mask) {
        if (network == null || network.capacity() != config.batchSize()) {
            network = new Network(spec, config.batchSize());
        }
        if (optimizer == null || !sameOptimizer(optimizerConfig, config)) {
            optimizer = Optimizer.of(config, spec.layout().totalSize());
            optimizerConfig = config;
        }
        return new TrainingSession(network, optimizer, initial, config, seed, mask, dpNoise(config, seed));
    }

    private static boolean sameOptimizer(TrainConfig a, TrainConfig b) {
        return a.optimizer() == b.optimizer() && a.learningRate() == b.learningRate() && a.momentum() == b.momentum()
                && a.weightDecay() == b.weightDecay() && a.nesterov() == b.nesterov();
    }

    @Override
    public EvalResult evaluate(ParameterSet parameters, Dataset data) {
        spec.layout().requireSame(parameters.layout());
        requireCompatible(spec, data);
        if (network == null) {
            network = new Network(spec, EVAL_BATCH);
        }
        return evaluate(network, parameters.values(), data);
    }

    static EvalResult evaluate(Network net, float[] params, Dataset data) {
        int n = data.size();
        if (n == 0) {
            return new EvalResult(0, 0, 0);
        }
        int cap = net.capacity();
        int classes = net.spec().numClasses();
        int[] order = new int[Math.min(n, cap)];
        double loss = 0;
        long correct = 0;
        for (int from = 0; from < n; from += cap) {
            int to = Math.min(n, from + cap);
            for (int i = from; i < to; i++) {
                order[i - from] = i;
            }
            data.gather(order, 0, to - from, net.input, net.labels);
            float[] logits = net.forward(to - from, params, false, null);
            loss += SoftmaxCrossEntropy.lossAndGradient(logits, net.labels, to - from, classes, null);
            correct += SoftmaxCrossEntropy.countCorrect(logits, net.labels, to - from, classes);
        }
        return new EvalResult(n, loss / n, (double) correct / n);
    }

    static void requireCompatible(ModelSpec spec, Dataset data) {
        if (!Arrays.equals(spec.inputShape(), data.exampleShape())) {
            throw new IllegalArgumentException("model " + spec.name() + " takes examples of shape "
                    + Arrays.toString(spec.inputShape()) + ", data has " + Arrays.toString(data.exampleShape()));
        }
        if (data.numClasses() != spec.numClasses()) {
            throw new IllegalArgumentException("model " + spec.name() + " predicts " + spec.numClasses()
                    + " classes, data has " + data.numClasses());
        }
    }
}
