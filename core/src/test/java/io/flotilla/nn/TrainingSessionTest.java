package io.flotilla.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flotilla.data.Dataset;
import io.flotilla.data.FashionMnist;
import io.flotilla.fit.TrainConfig;
import io.flotilla.model.ParameterSet;
import java.lang.management.ManagementFactory;
import io.flotilla.privacy.DpSgd;
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

    /** No dropout, so a per-example reference gradient is exactly what the DP step sees. */
    private static final ModelSpec DET = ModelSpec.parse("det", "conv:4:3:same,relu,pool:2,flatten,dense:10",
            new int[] {1, 8, 8}, 10);

    /** Plain SGD, learning rate 1: one step moves the weights by minus the gradient it was given. */
    private static TrainConfig unitSgd(int batch) {
        return TrainConfig.defaults().withBatchSize(batch).withLearningRate(1f);
    }

    /** The gradient of example {@code i} alone at {@code w}: one plain SGD step on it with learning rate 1. */
    private static float[] exampleGradient(ParameterSet w, Dataset data, int i) {
        ParameterSet after = new NeuralTrainer(DET).train(w, data.slice(i, i + 1), unitSgd(1), 1).parameters();
        return w.subtract(after).values();
    }

    private static double norm(float[] v) {
        double s = 0;
        for (float x : v) {
            s += (double) x * x;
        }
        return Math.sqrt(s);
    }

    /**
     * Gradient check of DP-SGD's clipping: with q = 1 (batch = all 6 examples, one step) and negligible noise,
     * the update is exactly the sum of each example's own gradient clipped to C, over the batch size.
     */
    @Test
    void dpSgdStepIsTheSumOfPerExampleGradientsEachClippedToCOverTheBatch() {
        Dataset data = random(6);
        ParameterSet w = DET.initialize(5);
        double[] norms = new double[6];
        float[][] grads = new float[6][];
        for (int i = 0; i < 6; i++) {
            grads[i] = exampleGradient(w, data, i);
            norms[i] = norm(grads[i]);
        }
        double[] sorted = norms.clone();
        java.util.Arrays.sort(sorted);
        double c = (sorted[2] + sorted[3]) / 2; // three examples clipped, three not
        float[] expected = new float[w.size()];
        for (int i = 0; i < 6; i++) {
            double f = Math.min(1.0, c / norms[i]);
            for (int j = 0; j < expected.length; j++) {
                expected[j] += (float) (f * grads[i][j] / 6);
            }
        }
        TrainConfig dp = unitSgd(6).withDpSgd(1e-9, c);
        ParameterSet after = NeuralTrainer.withInsecureSeededDpSgdNoise(DET).train(w, data, dp, 3).parameters();
        float[] update = w.subtract(after).values();
        for (int j = 0; j < expected.length; j++) {
            assertEquals(expected[j], update[j], 1e-5 * (1 + Math.abs(expected[j])), "parameter " + j);
        }
        assertTrue(norm(update) <= c * (1 + 1e-5), "sum of 6 clipped / 6 has norm <= C: " + norm(update));
    }

    /** Replacing one example by an outlier with a huge gradient moves a DP-SGD step by at most 2C / B. */
    @Test
    void oneExamplesContributionIsBoundedByTheClippingNorm() {
        Dataset data = random(8);
        float[] x = new float[8 * 64];
        int[] y = new int[8];
        for (int i = 0; i < 8; i++) {
            data.copyExample(i, x, i * 64);
            y[i] = data.label(i);
        }
        for (int k = 0; k < 64; k++) {
            x[7 * 64 + k] *= 1e4f; // the last example becomes an outlier
        }
        Dataset outlier = Dataset.of(x, y, new int[] {1, 8, 8}, 10);
        ParameterSet w = DET.initialize(6);
        assertTrue(norm(exampleGradient(w, outlier, 7)) > 100, "the outlier's own gradient is huge");
        double c = 0.05;
        TrainConfig dp = unitSgd(8).withDpSgd(0.5, c);
        // Same run seed: same Poisson batches (q = 1 here) and the same noise draws, so only the example differs.
        float[] a = NeuralTrainer.withInsecureSeededDpSgdNoise(DET).train(w, data, dp, 11).parameters().values();
        float[] b = NeuralTrainer.withInsecureSeededDpSgdNoise(DET).train(w, outlier, dp, 11).parameters().values();
        float[] diff = new float[a.length];
        for (int j = 0; j < a.length; j++) {
            diff[j] = a[j] - b[j];
        }
        assertTrue(norm(diff) <= 2 * c / 8 * (1 + 1e-4), "moved by " + norm(diff) + " > 2C/B = " + 2 * c / 8);
        assertTrue(norm(diff) > 0, "the example still counts");
    }

    /**
     * The noise of DP-SGD, measured through training: with a clipping norm so small that gradients are negligible,
     * 10 steps of plain SGD move each of logreg's 7,850 parameters by the sum of 10 draws of N(0, (zC/B)^2), with
     * the trainer's secure noise source. Standardised, they must look standard normal.
     */
    @Test
    void dpSgdNoiseIsGaussianWithStdZcOverTheBatch() {
        ModelSpec logreg = ModelZoo.spec("logreg");
        SplittableRandom rng = new SplittableRandom(8);
        int n = 40;
        float[] x = new float[n * 784];
        int[] y = new int[n];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextFloat();
        }
        for (int i = 0; i < n; i++) {
            y[i] = rng.nextInt(10);
        }
        Dataset data = Dataset.of(x, y, new int[] {1, 28, 28}, 10);
        double z = 2e4;
        double c = 1e-6; // gradient contributions at most n * c / B = 1e-5 per step, against a noise std of 5e-3
        int batch = 4;
        ParameterSet w = logreg.initialize(1);
        TrainConfig dp = TrainConfig.defaults().withBatchSize(batch).withLearningRate(1f).withDpSgd(z, c);
        float[] moved = w.subtract(new NeuralTrainer(logreg).train(w, data, dp, 4).parameters()).values();
        double std = z * c / batch * Math.sqrt(DpSgd.stepsPerEpoch(n, batch));
        double[] u = new double[moved.length];
        for (int j = 0; j < u.length; j++) {
            u[j] = moved[j] / std;
        }
        io.flotilla.privacy.GaussianChecksAccess.assertStandardNormal(u);
    }

    /** DP-SGD (z = 1, C = 1) on 3,000 Fashion-MNIST examples still learns logreg well above chance (10%). */
    @Test
    void dpSgdStillLearnsFashionMnist() throws Exception {
        FashionMnist fm = FashionMnist.load(null);
        Dataset train = fm.train().slice(0, 3000);
        Dataset test = fm.test().slice(0, 2000);
        ModelSpec logreg = ModelZoo.spec("logreg");
        NeuralTrainer trainer = new NeuralTrainer(logreg);
        TrainConfig dp = TrainConfig.defaults().withBatchSize(64).withLearningRate(0.5f).withEpochs(3)
                .withDpSgd(1.0, 1.0);
        TrainResult r = trainer.train(logreg.initialize(1), train, dp, 2);
        EvalResult eval = trainer.evaluate(r.parameters(), test);
        assertTrue(eval.accuracy() > 0.6, "held-out accuracy " + eval.accuracy() + " under DP-SGD");
    }

    @Test
    void dpSgdEpochAllocatesNothingPerStep() {
        Dataset data = random(40 * 8);
        TrainConfig cfg = TrainConfig.defaults().withBatchSize(8).withMomentum(0.9f, false).withDpSgd(1.0, 1.0);
        TrainingSession s = NeuralTrainer.withInsecureSeededDpSgdNoise(DET).session(DET.initialize(1), cfg, 1, null);
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long allocated = Long.MAX_VALUE;
        for (int epoch = 0; epoch < 200 && allocated >= 2048; epoch++) {
            long before = mx.getThreadAllocatedBytes(id);
            s.runEpoch(data, BatchListener.NONE);
            allocated = mx.getThreadAllocatedBytes(id) - before;
        }
        // 40 steps of about 8 per-example passes each: anything allocated per pass or step exceeds this.
        assertTrue(allocated < 2048, "every one of 200 DP-SGD epochs allocated; the last " + allocated + " bytes");
    }

    @Test
    void dpSgdSettingsAreBothOffOrBothPositive() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainConfig.defaults().withDpSgd(1.0, 0));
        assertTrue(e.getMessage().contains("1.0 and 0.0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TrainConfig.defaults().withDpSgd(Double.NaN, 1));
        assertThrows(IllegalArgumentException.class, () -> TrainConfig.defaults().withDpSgd(1, Double.POSITIVE_INFINITY));
        assertTrue(!TrainConfig.defaults().dpSgd());
        assertTrue(TrainConfig.defaults().withDpSgd(1, 1).withEpochs(2).dpSgd(), "with* keeps DP-SGD");
    }
}
