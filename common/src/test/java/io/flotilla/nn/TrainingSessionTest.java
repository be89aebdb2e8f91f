package io.flotilla.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flotilla.data.Dataset;
import io.flotilla.model.ParameterSet;
import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TrainingSessionTest {
    private static final ModelSpec SPEC = ModelSpec.parse("small", "conv:4:3:same,relu,pool:2,flatten,dense:16,relu,"
            + "dropout:0.1,dense:10", new int[] {1, 8, 8}, 10);

    private static Dataset random(int n) {
        SplittableRandom rng = new SplittableRandom(3);
        float[] x = new float[n * 64];
        int[] y = new int[n];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextFloat();
        }
        for (int i = 0; i < n; i++) {
            y[i] = rng.nextInt(10);
        }
        return Dataset.of(x, y, new int[] {1, 8, 8}, 10);
    }

    @Test
    void steadyStateEpochAllocatesNothingPerStep() {
        Dataset data = random(50 * 16 + 5); // 51 steps, the last one short
        TrainConfig cfg = TrainConfig.defaults().withBatchSize(16).withMomentum(0.9f, false).withProximalMu(0.01f);
        TrainingSession s = new NeuralTrainer(SPEC).session(SPEC.initialize(1), cfg, 1, null);
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        // Until C2 has compiled the Vector API kernels they box vectors on every call; the steady state is what
        // counts, so epochs run until one allocates (almost) nothing, and code that allocates per step never does.
        long allocated = Long.MAX_VALUE;
        for (int epoch = 0; epoch < 200 && allocated >= 2048; epoch++) {
            long before = mx.getThreadAllocatedBytes(id);
            s.runEpoch(data, BatchListener.NONE);
            allocated = mx.getThreadAllocatedBytes(id) - before;
        }
        // An epoch returns one small EvalResult; anything per step (51 steps) would exceed this budget.
        assertTrue(allocated < 2048, "every one of 200 epochs of 51 steps allocated; the last " + allocated + " bytes");
    }

    @Test
    void scheduledLearningRateDoesNotLeakIntoTheNextRun() {
        Dataset data = random(64);
        TrainConfig cfg = TrainConfig.defaults().withBatchSize(16).withLearningRate(0.05f);
        ParameterSet init = SPEC.initialize(4);
        NeuralTrainer trainer = new NeuralTrainer(SPEC);
        ParameterSet plain = trainer.train(init, data, cfg, 1).parameters();
        TrainingSession s = trainer.session(init, cfg, 1, null);
        s.setLearningRate(0.001f);
        s.runEpoch(data, BatchListener.NONE);
        assertTrue(s.parameters().subtract(init).l2Norm() < 0.1 * plain.subtract(init).l2Norm());
        assertTrue(plain.contentEquals(trainer.train(init, data, cfg, 1).parameters()));
    }

    @Test
    void epochsContinueFromTheLastStateAndReportTheListener() {
        Dataset data = random(100);
        TrainConfig cfg = TrainConfig.defaults().withBatchSize(32).withLearningRate(0.05f).withMomentum(0.9f, false);
        ParameterSet init = SPEC.initialize(2);
        NeuralTrainer trainer = new NeuralTrainer(SPEC);
        TrainingSession s = trainer.session(init, cfg, 9, null);
        int[] calls = new int[2];
        s.runEpoch(data, (done, total, loss) -> {
            calls[0]++;
            calls[1] = total;
            assertTrue(Double.isFinite(loss));
        });
        assertEquals(4, calls[0]);
        assertEquals(4, calls[1]);
        s.runEpoch(data, BatchListener.NONE);
        // two epochs in a session equal one two-epoch train call with the same seed
        ParameterSet twoEpochs = trainer.train(init, data, cfg.withEpochs(2), 9).parameters();
        assertTrue(twoEpochs.contentEquals(s.parameters()));
        EvalResult e = s.evaluate(data);
        assertEquals(100, e.examples());
    }
}
