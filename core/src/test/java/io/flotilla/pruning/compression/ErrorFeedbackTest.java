package io.flotilla.pruning.compression;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ErrorFeedbackTest {

    @Test
    void residualIsAddedBeforeSelectingTheTopK() {
        ErrorFeedback ef = new ErrorFeedback(3);
        TopKCodec codec = new TopKCodec(0.3f, 0);
        float[] sent1 = codec.decode(ef.encode(new float[] {1f, 0.5f, 0f}, codec, new SplittableRandom(1)), 3);
        assertArrayEquals(new float[] {1f, 0f, 0f}, sent1);
        assertArrayEquals(new float[] {0f, 0.5f, 0f}, ef.residual());
        // without feedback 0.6 would win; with it 0.5 + 0.25 = 0.75 does
        float[] sent2 = codec.decode(ef.encode(new float[] {0f, 0.25f, 0.6f}, codec, new SplittableRandom(1)), 3);
        assertArrayEquals(new float[] {0f, 0.75f, 0f}, sent2);
        assertArrayEquals(new float[] {0f, 0f, 0.6f}, ef.residual());
    }

    @Test
    void sentPlusResidualConservesTheMassOfTheInputsExactlyForTopK() {
        int n = 64;
        ErrorFeedback ef = new ErrorFeedback(n);
        TopKCodec codec = new TopKCodec(0.1f, 0);
        SplittableRandom rng = new SplittableRandom(17);
        float[] inputs = new float[n];
        float[] sent = new float[n];
        for (int round = 0; round < 6; round++) {
            float[] delta = new float[n];
            for (int i = 0; i < n; i++) {
                delta[i] = rng.nextInt(-64, 65) / 16f; // dyadic: every sum below is exact in float
                inputs[i] += delta[i];
            }
            float[] s = codec.decode(ef.encode(delta, codec, rng), n);
            for (int i = 0; i < n; i++) {
                sent[i] += s[i];
            }
        }
        float[] r = ef.residual();
        for (int i = 0; i < n; i++) {
            assertEquals(inputs[i], sent[i] + r[i], 0f, "coordinate " + i);
        }
    }

    @Test
    void massIsConservedUpToRoundingForTopKWithQuantisedValues() {
        int n = 2000;
        ErrorFeedback ef = new ErrorFeedback(n);
        TopKCodec codec = new TopKCodec(0.05f, 64);
        SplittableRandom rng = new SplittableRandom(23);
        double inputs = 0;
        double sent = 0;
        for (int round = 0; round < 10; round++) {
            float[] delta = new float[n];
            for (int i = 0; i < n; i++) {
                delta[i] = (float) rng.nextGaussian();
                inputs += delta[i];
            }
            for (float v : codec.decode(ef.encode(delta, codec, rng), n)) {
                sent += v;
            }
        }
        double residual = 0;
        for (float v : ef.residual()) {
            residual += v;
        }
        assertEquals(inputs, sent + residual, 1e-3);
    }

    @Test
    void restoreAndResetAndWrongSizes() {
        ErrorFeedback ef = new ErrorFeedback(2);
        ef.restore(new float[] {1f, 2f});
        assertArrayEquals(new float[] {1f, 2f}, ef.residual());
        ef.reset();
        assertArrayEquals(new float[] {0f, 0f}, ef.residual());
        assertThrows(IllegalArgumentException.class, () -> ef.restore(new float[3]));
        assertThrows(IllegalArgumentException.class,
                () -> ef.encode(new float[3], new TopKCodec(0.5f, 0), new SplittableRandom(1)));
    }
}
