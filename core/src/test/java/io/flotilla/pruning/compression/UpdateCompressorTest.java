package io.flotilla.pruning.compression;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flotilla.model.ModelLayout;
import io.flotilla.model.ParameterMask;
import io.flotilla.model.TensorSpec;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class UpdateCompressorTest {
    private static final CompressionConfig TOPK_EF = CompressionConfig.fromMap(Map.of("method", "top-k",
            "fraction", "0.25"));

    private static float[] sent(UpdateCompressor c, byte[] bytes, int n) {
        return new UpdateDecoder(c.config()).decode(bytes, n).toDense();
    }

    @Test
    void theResidualCarriesWhatTopKDroppedIntoTheNextRound() {
        UpdateCompressor c = new UpdateCompressor(TOPK_EF);
        assertEquals(0, c.residual().length);
        float[] round1 = {4f, 1f, 0.5f, -2f};
        assertArrayEquals(new float[] {4f, 0f, 0f, 0f}, sent(c, c.compress(round1, null, 1), 4));
        assertArrayEquals(new float[] {0f, 1f, 0.5f, -2f}, c.residual());
        // -2 (kept) + -1.75 (new) = -3.75 beats 0.5 + 3 = 3.5
        float[] round2 = {0f, 0f, 3f, -1.75f};
        assertArrayEquals(new float[] {0f, 0f, 0f, -3.75f}, sent(c, c.compress(round2, null, 2), 4));
        assertArrayEquals(new float[] {0f, 1f, 3.5f, 0f}, c.residual());
        assertArrayEquals(new float[] {0f, 0f, 3f, -1.75f}, round2, "the caller's delta is not modified");
    }

    @Test
    void overManyRoundsSentPlusResidualEqualsEverythingTrainedExactly() {
        int n = 200;
        UpdateCompressor c = new UpdateCompressor(CompressionConfig.fromMap(Map.of("method", "top-k",
                "fraction", "0.05")));
        SplittableRandom r = new SplittableRandom(3);
        float[] trained = new float[n];
        float[] sent = new float[n];
        for (int round = 1; round <= 8; round++) {
            float[] d = new float[n];
            for (int i = 0; i < n; i++) {
                d[i] = r.nextInt(-32, 33) / 8f; // dyadic: every sum is exact
                trained[i] += d[i];
            }
            float[] s = sent(c, c.compress(d, null, round), n);
            for (int i = 0; i < n; i++) {
                sent[i] += s[i];
            }
        }
        float[] res = c.residual();
        for (int i = 0; i < n; i++) {
            assertEquals(trained[i], sent[i] + res[i], 0f, "coordinate " + i);
        }
    }

    @Test
    void aPrunedCoordinateLosesItsResidual() {
        UpdateCompressor c = new UpdateCompressor(TOPK_EF);
        c.compress(new float[] {4f, 1f, 0.5f, -2f}, null, 1);
        ParameterMask mask = ParameterMask.of(ModelLayout.of(TensorSpec.weight("w", 4)),
                new float[] {1f, 1f, 1f, 0f});
        // without the mask -2 would be sent now; pruned, it is forgotten and 1 goes out instead
        assertArrayEquals(new float[] {0f, 1f, 0f, 0f}, sent(c, c.compress(new float[4], mask, 2), 4));
        assertArrayEquals(new float[] {0f, 0f, 0.5f, 0f}, c.residual());
    }

    @Test
    void withoutErrorFeedbackNothingIsKept() {
        UpdateCompressor c = new UpdateCompressor(CompressionConfig.fromMap(Map.of("method", "top-k",
                "fraction", "0.25", "error-feedback", "false")));
        c.compress(new float[] {4f, 1f, 0.5f, -2f}, null, 1);
        assertEquals(0, c.residual().length);
        assertArrayEquals(new float[] {0f, 0f, 0f, -2f}, sent(c, c.compress(new float[] {0f, 0f, 0f, -2f}, null, 2),
                4));
    }

    @Test
    void quantisationIsReproducibleFromTheRoundSeedAndWithinOneLevel() {
        CompressionConfig q8 = CompressionConfig.fromMap(Map.of("method", "q8", "chunk-size", "64",
                "error-feedback", "false"));
        float[] d = new float[256];
        SplittableRandom r = new SplittableRandom(8);
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) r.nextGaussian();
        }
        byte[] a = new UpdateCompressor(q8).compress(d, null, 42);
        assertArrayEquals(a, new UpdateCompressor(q8).compress(d, null, 42));
        assertTrue(!java.util.Arrays.equals(a, new UpdateCompressor(q8).compress(d, null, 43)));
        float[] out = new UpdateDecoder(q8).decode(a, d.length).values();
        for (int i = 0; i < d.length; i++) {
            assertEquals(d[i], out[i], 8f / 255, "coordinate " + i);
        }
        assertTrue(a.length < d.length * 4 / 3, a.length + " bytes");
    }

    @Test
    void aDeltaOfAnotherSizeThanTheResidualIsRefused() {
        UpdateCompressor c = new UpdateCompressor(TOPK_EF);
        c.compress(new float[4], null, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> c.compress(new float[5], null, 2));
        assertTrue(e.getMessage().contains("5") && e.getMessage().contains("4"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new UpdateCompressor(CompressionConfig.none()));
    }
}
