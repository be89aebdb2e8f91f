package io.flotilla.pruning.compression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.flotilla.model.MalformedEncodingException;
import io.flotilla.model.ModelLayout;
import io.flotilla.model.TensorSpec;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class QuantizedCodecTest {
    /** The delta size the fuzz seeds in QuantizedCodecTestInputs/fuzzDecode were written for. */
    static final int FUZZ_SIZE = 20;

    private static float[] wave(int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) Math.sin(0.37 * i) * (1 + i % 7);
        }
        return x;
    }

    @Test
    void roundTripIsWithinOneLevelPerChunk() {
        float[] x = wave(10_000);
        QuantizedCodec codec = QuantizedCodec.perChunk(1000);
        float[] y = codec.decode(codec.encode(x, new SplittableRandom(1)), x.length);
        for (int c = 0; c < 10; c++) {
            float min = Float.POSITIVE_INFINITY;
            float max = Float.NEGATIVE_INFINITY;
            for (int i = c * 1000; i < (c + 1) * 1000; i++) {
                min = Math.min(min, x[i]);
                max = Math.max(max, x[i]);
            }
            double level = ((double) max - min) / 255;
            for (int i = c * 1000; i < (c + 1) * 1000; i++) {
                assertTrue(Math.abs(y[i] - x[i]) <= level * 1.0001, "index " + i);
            }
        }
    }

    @Test
    void sizeIsAboutOneByteAValue() {
        float[] x = wave(10_000);
        // magic 4, n 2, segments 1, per segment (length 2 + 8), codes
        assertEquals(4 + 2 + 1 + 10 * 10 + 10_000, QuantizedCodec.perChunk(1000).encode(x, new SplittableRandom(1))
                .length);
    }

    @Test
    void perTensorScalesEachTensorOnItsOwn() {
        ModelLayout layout = ModelLayout.of(TensorSpec.weight("w", 3), TensorSpec.bias("b", 2));
        float[] x = {-100f, 0f, 100f, 0.001f, 0.002f};
        QuantizedCodec codec = QuantizedCodec.perTensor(layout);
        float[] y = codec.decode(codec.encode(x, new SplittableRandom(3)), 5);
        assertEquals(-100f, y[0]);
        assertEquals(100f, y[2]);
        assertEquals(0.001f, y[3]);
        assertEquals(0.002f, y[4]);
        assertThrows(IllegalArgumentException.class, () -> codec.encode(new float[4], new SplittableRandom(1)));
    }

    private static void assertMalformed(byte[] bytes, int size, String fragment) {
        MalformedEncodingException e = assertThrows(MalformedEncodingException.class,
                () -> QuantizedCodec.perChunk(4).decode(bytes, size));
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }

    @Test
    void handMadeBadInputsAreRefused() {
        byte[] ok = QuantizedCodec.perChunk(4).encode(new float[] {1, 2, 3, 4, 5}, new SplittableRandom(1));
        // FQ81, n 5, segments 2, (4, min, max), (1, min, max), 5 codes
        assertEquals(4 + 1 + 1 + 9 + 9 + 5, ok.length);
        assertMalformed(ok, 6, "5 quantised values, expected 6");
        assertMalformed(new byte[] {'F', 'Q', '8', '2'}, 5, "bad magic");
        byte[] segments = ok.clone();
        segments[5] = 6;
        assertMalformed(segments, 5, "6 segments for 5 values");
        byte[] length = ok.clone();
        length[6] = 3;
        assertMalformed(length, 5, "sum to 4");
        byte[] empty = ok.clone();
        empty[6] = 0;
        assertMalformed(empty, 5, "empty");
        byte[] range = ok.clone();
        range[10] = (byte) 0xFF; // min becomes NaN
        assertMalformed(range, 5, "invalid");
        assertMalformed(java.util.Arrays.copyOf(ok, ok.length - 1), 5, "remain");
        assertMalformed(java.util.Arrays.copyOf(ok, ok.length + 1), 5, "trailing");
    }

    @FuzzTest(maxDuration = "30s")
    void fuzzDecode(byte[] data) {
        try {
            float[] y = QuantizedCodec.perChunk(4).decode(data, FUZZ_SIZE);
            for (float v : y) {
                if (!Float.isFinite(v)) {
                    throw new AssertionError("decoded a non-finite value " + v);
                }
            }
        } catch (MalformedEncodingException expected) {
            // refused cleanly
        }
    }
}
