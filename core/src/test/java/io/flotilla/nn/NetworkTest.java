package io.flotilla.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.flotilla.model.ParameterSet;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NetworkTest {

    /** Mean loss of the batch in the network's input buffer, no dropout. */
    private static double meanLoss(Network net, float[] params, int batch) {
        float[] logits = net.forward(batch, params, false, null);
        return SoftmaxCrossEntropy.lossAndGradient(logits, net.labels, batch, net.spec().numClasses(), null) / batch;
    }

    @Test
    void endToEndGradientMatchesFiniteDifferences() {
        ModelSpec spec = ModelSpec.parse("small", "conv:3:3:same,relu,pool:2,conv:4:3,relu,flatten,dense:6,relu,dense:3",
                new int[] {2, 6, 6}, 3);
        ParameterSet p = spec.initialize(3);
        float[] w = p.values();
        SplittableRandom rng = new SplittableRandom(5);
        for (int i = 0; i < w.length; i++) {
            w[i] += (float) (rng.nextDouble() * 0.1 - 0.05); // non-zero biases too
        }
        Network net = new Network(spec, 4);
        int batch = 3;
        float[] x = GradientCheck.random(rng, batch * 72, 1.0);
        System.arraycopy(x, 0, net.input, 0, x.length);
        net.labels[0] = 2;
        net.labels[1] = 0;
        net.labels[2] = 1;
        int[] correct = new int[1];
        double sum = net.forwardBackward(batch, w, null, correct);
        assertEquals(meanLoss(net, w, batch), sum / batch, 1e-6);
        float[] g = net.gradients.clone();
        float eps = 1e-3f;
        for (int i = 0; i < w.length; i++) {
            float keep = w[i];
            w[i] = keep + eps;
            double up = meanLoss(net, w, batch);
            w[i] = keep - eps;
            double down = meanLoss(net, w, batch);
            w[i] = keep;
            double numeric = (up - down) / (2 * eps);
            assertEquals(numeric, g[i], 2e-3 + 2e-2 * Math.abs(numeric), "parameter " + i + " of " + w.length);
        }
    }

    @Test
    void smallerLastBatchReusesTheBuffers() {
        ModelSpec spec = ModelZoo.spec("logreg");
        Network net = new Network(spec, 8);
        float[] w = spec.initialize(1).values();
        SplittableRandom rng = new SplittableRandom(2);
        float[] x = GradientCheck.random(rng, 8 * 784, 1.0);
        System.arraycopy(x, 0, net.input, 0, x.length);
        float[] full = net.forward(8, w, false, null).clone();
        float[] part = net.forward(3, w, false, null);
        for (int i = 0; i < 30; i++) {
            assertEquals(full[i], part[i], 0f);
        }
    }
}
