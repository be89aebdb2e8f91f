package io.flotilla.nn;

import io.flotilla.data.Dataset;
import io.flotilla.fit.TrainConfig;
import io.flotilla.model.ParameterMask;
import io.flotilla.model.ParameterSet;
import io.flotilla.privacy.DpSgd;
import io.flotilla.privacy.NoiseSource;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * One training run in progress: the working copy of the parameters, the optimizer state and the seeded
 * generators, advanced one epoch at a time (so a caller can evaluate between epochs). Obtained from
 * {@link NeuralTrainer#session}; it borrows that trainer's buffers, so at most one session per trainer is in use
 * at a time. A step allocates nothing.
 *
 * <p>A step: gather a shuffled batch, forward and backward, add the FedProx term
 * {@code mu * (w - w_initial)} to the gradient, let the optimizer update the weights, then zero pruned weights.
 *
 * <p>With example-level DP-SGD ({@link TrainConfig#dpSgd()}, Abadi et al. 2016) an epoch is
 * {@link DpSgd#stepsPerEpoch} steps, each on a Poisson batch (every example independently with
 * q = batch / examples); each example's gradient is computed by its own backward pass, clipped to C and summed,
 * Gaussian noise {@code N(0, (zC)^2)} is added to the sum, which is divided by the expected batch size, and the
 * step proceeds as above. The loss and accuracy reported are over the examples the steps touched.
 */
public final class TrainingSession {
    private final Network net;
    private final Optimizer optimizer;
    private final ParameterSet params;
    private final float[] global;
    private final float mu;
    private final ParameterMask mask;
    private final int batchSize;
    private final SplittableRandom shuffleRng;
    private final SplittableRandom dropoutRng;
    private final int[] correct = new int[1];
    private int[] order = new int[0];
    /** DP-SGD only: multiplier z, clipping norm C, the noise source and the running sum of clipped gradients. */
    private final double dpNoiseMultiplier;
    private final double dpClipNorm;
    private final NoiseSource dpNoise;
    private final float[] dpSum;

    TrainingSession(Network net, Optimizer optimizer, ParameterSet initial, TrainConfig config, long seed,
                    ParameterMask mask) {
        this(net, optimizer, initial, config, seed, mask, null);
    }

    TrainingSession(Network net, Optimizer optimizer, ParameterSet initial, TrainConfig config, long seed,
                    ParameterMask mask, NoiseSource dpNoise) {
        net.spec().layout().requireSame(initial.layout());
        if (mask != null) {
            net.spec().layout().requireSame(mask.layout());
        }
        this.net = net;
        this.optimizer = optimizer;
        this.params = initial.copy();
        this.mu = config.proximalMu();
        this.global = mu > 0f ? initial.values().clone() : null;
        this.mask = mask;
        this.batchSize = config.batchSize();
        SplittableRandom root = new SplittableRandom(seed);
        this.shuffleRng = root.split();
        this.dropoutRng = root.split();
        optimizer.reset();
        optimizer.setLearningRate(config.learningRate()); // the trainer's optimizer may come from a scheduled run
        if (mask != null) {
            mask.applyInPlace(params.values());
        }
        if (config.dpSgd() && dpNoise == null) {
            throw new IllegalArgumentException("DP-SGD needs a noise source");
        }
        this.dpNoiseMultiplier = config.dpSgdNoiseMultiplier();
        this.dpClipNorm = config.dpSgdClipNorm();
        this.dpNoise = config.dpSgd() ? dpNoise : null;
        this.dpSum = config.dpSgd() ? new float[params.size()] : null;
    }

    /** Sets the learning rate for the following steps, e.g. to decay it between epochs. */
    public void setLearningRate(float lr) {
        optimizer.setLearningRate(lr);
    }

    /** The live parameters (not a copy): they change with every epoch. */
    public ParameterSet parameters() {
        return params;
    }

    /** One pass over {@code data} in a fresh seeded order; returns the epoch's training loss and accuracy. */
    public EvalResult runEpoch(Dataset data, BatchListener listener) {
        requireCompatible(data);
        int n = data.size();
        if (n == 0) {
            throw new IllegalArgumentException("cannot train on an empty dataset");
        }
        if (order.length != n) {
            order = new int[n];
        }
        if (dpNoise != null) {
            return runPrivateEpoch(data, listener);
        }
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = shuffleRng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        float[] w = params.values();
        float[] g = net.gradients;
        int batches = (n + batchSize - 1) / batchSize;
        double lossSum = 0;
        long correctSum = 0;
        for (int b = 0; b < batches; b++) {
            int from = b * batchSize;
            int to = Math.min(n, from + batchSize);
            data.gather(order, from, to, net.input, net.labels);
            lossSum += net.forwardBackward(to - from, w, dropoutRng, correct);
            correctSum += correct[0];
            step(w, g);
            listener.onBatch(b + 1, batches, lossSum / to);
        }
        return new EvalResult(n, lossSum / n, (double) correctSum / n);
    }

    /** One DP-SGD epoch: Poisson batches, per-example clipping, noise on the sum (see the class comment). */
    private EvalResult runPrivateEpoch(Dataset data, BatchListener listener) {
        int n = data.size();
        int steps = DpSgd.stepsPerEpoch(n, batchSize);
        double q = DpSgd.samplingRate(n, batchSize);
        float[] w = params.values();
        float[] g = net.gradients;
        double lossSum = 0;
        long correctSum = 0;
        int seen = 0;
        for (int step = 0; step < steps; step++) {
            int k = 0;
            for (int i = 0; i < n; i++) {
                if (shuffleRng.nextDouble() < q) {
                    order[k++] = i;
                }
            }
            Arrays.fill(dpSum, 0f);
            for (int j = 0; j < k; j++) {
                // One example per pass: its gradient alone is in g, so it can be clipped on its own.
                data.gather(order, j, j + 1, net.input, net.labels);
                lossSum += net.forwardBackward(1, w, dropoutRng, correct);
                correctSum += correct[0];
                DpSgd.addClippedInPlace(g, dpClipNorm, dpSum);
            }
            seen += k;
            // An empty batch still takes a noise-only step: skipping it would reveal that the batch was empty.
            DpSgd.noiseAndAverageInPlace(dpSum, dpClipNorm, dpNoiseMultiplier, batchSize, dpNoise);
            System.arraycopy(dpSum, 0, g, 0, g.length);
            step(w, g);
            listener.onBatch(step + 1, steps, seen == 0 ? 0 : lossSum / seen);
        }
        return seen == 0 ? new EvalResult(0, 0, 0) : new EvalResult(seen, lossSum / seen, (double) correctSum / seen);
    }

    /** Applies the gradient in {@code g}: FedProx's proximal term, the optimizer step, then the pruning mask. */
    private void step(float[] w, float[] g) {
        if (global != null) {
            for (int i = 0; i < w.length; i++) {
                g[i] += mu * (w[i] - global[i]);
            }
        }
        optimizer.stepInPlace(w, g);
        if (mask != null) {
            mask.applyInPlace(w);
        }
    }

    /** Loss and accuracy of the current parameters on {@code data}, dropout off. */
    public EvalResult evaluate(Dataset data) {
        requireCompatible(data);
        return NeuralTrainer.evaluate(net, params.values(), data);
    }

    private void requireCompatible(Dataset data) {
        NeuralTrainer.requireCompatible(net.spec(), data);
    }
}
