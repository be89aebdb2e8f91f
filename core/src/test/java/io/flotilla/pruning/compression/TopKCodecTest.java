package io.flotilla.pruning.compression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.flotilla.model.MalformedEncodingException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TopKCodecTest {
    /** The delta size the fuzz seeds in TopKCodecTestInputs/fuzzDecode were written for. */
    static final int FUZZ_SIZE = 20;

    private static float[] gaussian(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) rng.nextGaussian();
        }
        return x;
    }

    @Test
    void keepsExactlyTheTopKValuesAndZeroesTheRest() {
        float[] x = {0.1f, -5, 3, 0, -3, 2};
        TopKCodec codec = new TopKCodec(0.5f, 0);
        float[] y = codec.decode(codec.encode(x, new SplittableRandom(1)), 6);
        assertEquals("[0.0, -5.0, 3.0, 0.0, -3.0, 0.0]", java.util.Arrays.toString(y));
    }

    @Test
    void onePercentWithEightBitValuesIsOverThirtyTimesSmaller() {
        int n = 1_600_000;
        float[] x = gaussian(n, 7);
        int dense = 4 * n;
        byte[] floats = new TopKCodec(0.01f, 0).encode(x, new SplittableRandom(1));
        byte[] q8 = new TopKCodec(0.01f, 4096).encode(x, new SplittableRandom(1));
        assertTrue(floats.length < dense / 50, floats.length + " bytes");
        assertTrue(q8.length < floats.length, q8.length + " vs " + floats.length);
        assertTrue(q8.length * 30L < dense, q8.length + " bytes");
        float[] y = new TopKCodec(0.01f, 4096).decode(q8, n);
        int nonZero = 0;
        for (float v : y) {
            nonZero += v != 0f ? 1 : 0;
        }
        assertTrue(nonZero <= 16_000 && nonZero > 15_000, nonZero + " non-zeros");
    }

    private static void assertMalformed(byte[] bytes, int size, String fragment) {
        MalformedEncodingException e = assertThrows(MalformedEncodingException.class,
                () -> new TopKCodec(0.1f, 0).decode(bytes, size));
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }

    @Test
    void handMadeBadInputsAreRefused() {
        float[] x = new float[20];
        x[2] = 1f;
        x[9] = -4f;
        byte[] ok = new TopKCodec(0.1f, 0).encode(x, new SplittableRandom(1));
        // FTK1, size 20, k 2, mode 1 (gaps), gaps 2 and 6, value mode 0, two floats
        assertEquals(4 + 1 + 1 + 1 + 2 + 1 + 8, ok.length);
        assertEquals(1, ok[6]);
        assertMalformed(ok, 21, "size 20, expected 21");
        byte[] k = ok.clone();
        k[5] = 0;
        assertMalformed(k, 20, "count 0");
        byte[] k2 = ok.clone();
        k2[5] = 21;
        assertMalformed(k2, 20, "count 21");
        byte[] mode = ok.clone();
        mode[6] = 9;
        assertMalformed(mode, 20, "index mode 9");
        byte[] gap = ok.clone();
        gap[8] = 17; // 2 + 1 + 17 = 20, out of range
        assertMalformed(gap, 20, "index 20");
        byte[] valueMode = ok.clone();
        valueMode[9] = 5;
        assertMalformed(valueMode, 20, "value mode 5");
        assertMalformed(java.util.Arrays.copyOf(ok, ok.length - 2), 20, "remain");
        assertMalformed(java.util.Arrays.copyOf(ok, ok.length + 1), 20, "trailing");
        assertMalformed(new byte[] {'F', 'T', 'K', '1', 20, 20, 1}, 20, "needs");
    }

    @FuzzTest(maxDuration = "30s")
    void fuzzDecode(byte[] data) {
        try {
            float[] y = new TopKCodec(0.1f, 0).decode(data, FUZZ_SIZE);
            if (y.length != FUZZ_SIZE) {
                throw new AssertionError("decoded " + y.length + " values");
            }
        } catch (MalformedEncodingException expected) {
            // refused cleanly
        }
    }
}
