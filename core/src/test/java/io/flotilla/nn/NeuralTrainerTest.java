package io.flotilla.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flotilla.data.Dataset;
import io.flotilla.data.FashionMnist;
import io.flotilla.fit.TrainConfig;
import io.flotilla.model.ParameterMask;
import io.flotilla.model.ParameterSet;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NeuralTrainerTest {
    private static final ModelSpec TINY = ModelSpec.parse("tiny", "conv:3:3:same,relu,pool:2,flatten,dropout:0.2,dense:3",
            new int[] {1, 6, 6}, 3);

    /** Three classes told apart by which third of the image is bright, plus noise. */
    private static Dataset stripes(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] x = new float[n * 36];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = rng.nextInt(3);
            for (int r = 0; r < 6; r++) {
                for (int c = 0; c < 6; c++) {
                    x[i * 36 + r * 6 + c] = (c / 2 == y[i] ? 1f : 0f) + (float) (rng.nextDouble() * 0.6 - 0.3);
                }
            }
        }
        return Dataset.of(x, y, new int[] {1, 6, 6}, 3);
    }

    private static TrainConfig sgd() {
        return TrainConfig.defaults().withEpochs(2).withBatchSize(16).withLearningRate(0.1f).withMomentum(0.9f, false);
    }

    @Test
    void sameSeedGivesBitIdenticalParameters() {
        Dataset data = stripes(200, 1);
        ParameterSet init = TINY.initialize(1);
        ParameterSet before = init.copy();
        NeuralTrainer trainer = new NeuralTrainer(TINY);
        TrainResult a = trainer.train(init, data, sgd(), 42);
        TrainResult b = new NeuralTrainer(TINY).train(init, data, sgd(), 42);
        TrainResult c = trainer.train(init, data, sgd(), 43);
        assertTrue(a.parameters().contentEquals(b.parameters()));
        assertFalse(a.parameters().contentEquals(c.parameters()));
        assertTrue(init.contentEquals(before), "initial parameters must not change");
        assertEquals(200, a.examples());
    }

    @Test
    void learnsASeparableProblem() {
        Dataset train = stripes(600, 2);
        NeuralTrainer trainer = new NeuralTrainer(TINY);
        ParameterSet init = TINY.initialize(2);
        double before = trainer.evaluate(init, stripes(300, 3)).accuracy();
        TrainResult r = trainer.train(init, train, sgd().withEpochs(3), 7);
        EvalResult after = trainer.evaluate(r.parameters(), stripes(300, 3));
        assertTrue(after.accuracy() > 0.95, "accuracy " + after.accuracy() + " (before " + before + ")");
        assertTrue(r.meanLoss() < 0.3, "loss " + r.meanLoss());
    }

    @Test
    void adamAndNesterovAlsoLearn() {
        Dataset train = stripes(600, 4);
        ParameterSet init = TINY.initialize(4);
        NeuralTrainer trainer = new NeuralTrainer(TINY);
        TrainConfig adam = TrainConfig.defaults().withEpochs(3).withBatchSize(16).withLearningRate(0.01f)
                .withOptimizer(TrainConfig.Optimizer.ADAM);
        assertTrue(trainer.evaluate(trainer.train(init, train, adam, 1).parameters(), stripes(300, 5)).accuracy() > 0.95);
        TrainConfig nesterov = sgd().withMomentum(0.9f, true).withWeightDecay(1e-4f).withEpochs(3);
        assertTrue(trainer.evaluate(trainer.train(init, train, nesterov, 1).parameters(), stripes(300, 5)).accuracy()
                > 0.95);
    }

    @Test
    void maskedTrainingKeepsPrunedWeightsAtZero() {
        Dataset data = stripes(200, 6);
        ParameterSet init = TINY.initialize(6);
        float[] keep = new float[init.size()];
        for (int i = 0; i < keep.length; i++) {
            keep[i] = i % 3 == 0 ? 0f : 1f;
        }
        ParameterMask mask = ParameterMask.of(TINY.layout(), keep);
        TrainResult r = new NeuralTrainer(TINY).train(init, data, sgd(), 1, mask);
        float[] w = r.parameters().values();
        int changed = 0;
        for (int i = 0; i < w.length; i++) {
            if (keep[i] == 0f) {
                assertEquals(0f, w[i], 0f, "pruned parameter " + i);
            } else if (w[i] != init.values()[i]) {
                changed++;
            }
        }
        assertTrue(changed > w.length / 2, "only " + changed + " kept parameters moved");
    }

    @Test
    void proximalTermPullsTowardsTheInitialModel() {
        Dataset data = stripes(300, 8);
        ParameterSet init = TINY.initialize(8);
        NeuralTrainer trainer = new NeuralTrainer(TINY);
        double free = trainer.train(init, data, sgd(), 1).parameters().subtract(init).l2Norm();
        double prox = trainer.train(init, data, sgd().withProximalMu(1f), 1).parameters().subtract(init).l2Norm();
        assertTrue(prox < 0.8 * free, "prox drift " + prox + " vs free " + free);
    }

    @Test
    void rejectsDataOfTheWrongShape() {
        Dataset wrong = Dataset.of(new float[8], new int[] {0, 1}, new int[] {4}, 3);
        NeuralTrainer trainer = new NeuralTrainer(TINY);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> trainer.train(TINY.initialize(1), wrong, sgd(), 1));
        assertTrue(e.getMessage().contains("[1, 6, 6]") && e.getMessage().contains("[4]"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> trainer.evaluate(ModelZoo.spec("logreg").initialize(1), stripes(10, 1)));
    }

    @Test
    void mnist2nnLearnsFashionMnistInOneEpoch() throws Exception {
        FashionMnist fm = FashionMnist.load(null);
        Dataset train = fm.train().slice(0, 4000);
        Dataset test = fm.test().slice(0, 2000);
        ModelSpec spec = ModelZoo.spec("mnist-2nn");
        NeuralTrainer trainer = new NeuralTrainer(spec);
        TrainConfig cfg = TrainConfig.defaults().withBatchSize(32).withLearningRate(0.05f).withMomentum(0.9f, false);
        TrainResult r = trainer.train(spec.initialize(1), train, cfg, 1);
        EvalResult eval = trainer.evaluate(r.parameters(), test);
        assertEquals(2000, eval.examples());
        assertTrue(eval.accuracy() > 0.70, "held-out accuracy " + eval.accuracy() + " on " + fm.source());
    }
}
