package io.flotilla.nn;

import io.flotilla.data.Dataset;
import io.flotilla.model.ParameterMask;
import io.flotilla.model.ParameterSet;
import java.util.SplittableRandom;

/**
 * One training run in progress: the working copy of the parameters, the optimizer state and the seeded
 * generators, advanced one epoch at a time (so a caller can evaluate between epochs). Obtained from
 * {@link NeuralTrainer#session}; it borrows that trainer's buffers, so at most one session per trainer is in use
 * at a time. A step allocates nothing.
 *
 * <p>A step: gather a shuffled batch, forward and backward, add the FedProx term
 * {@code mu * (w - w_initial)} to the gradient, let the optimizer update the weights, then zero pruned weights.
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

    TrainingSession(Network net, Optimizer optimizer, ParameterSet initial, TrainConfig config, long seed,
                    ParameterMask mask) {
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
        if (mask != null) {
            mask.applyInPlace(params.values());
        }
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
            if (global != null) {
                for (int i = 0; i < w.length; i++) {
                    g[i] += mu * (w[i] - global[i]);
                }
            }
            optimizer.stepInPlace(w, g);
            if (mask != null) {
                mask.applyInPlace(w);
            }
            listener.onBatch(b + 1, batches, lossSum / to);
        }
        return new EvalResult(n, lossSum / n, (double) correctSum / n);
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
