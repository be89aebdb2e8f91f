package io.flotilla.model.encoding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.flotilla.model.MalformedEncodingException;
import io.flotilla.model.ModelLayout;
import io.flotilla.model.ParameterSet;
import io.flotilla.model.TensorSpec;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SparseEncodingTest {
    /** The layout the fuzz seeds in SparseEncodingTestInputs/fuzzDecode were written for. */
    private static final ModelLayout SMALL = ModelLayout.of(TensorSpec.weight("w", 4, 4), TensorSpec.bias("b", 4));
    private static final ModelLayout BIG = ModelLayout.of(TensorSpec.weight("d1.weight", 100, 100),
            TensorSpec.bias("d1.bias", 100), TensorSpec.weight("d2.weight", 100, 10));

    private static ParameterSet random(ModelLayout layout, double density, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] v = new float[layout.totalSize()];
        for (int i = 0; i < v.length; i++) {
            v[i] = rng.nextDouble() < density ? (float) rng.nextGaussian() : 0f;
        }
        return ParameterSet.wrap(layout, v);
    }

    @Test
    void roundTripsBitExactlyAtEverySparsity() {
        for (double density : new double[] {1.0, 0.5, 0.2, 0.05, 0.001, 0.0}) {
            ParameterSet p = random(BIG, density, 42);
            ParameterSet back = SparseEncoding.decode(SparseEncoding.encode(p), BIG);
            assertTrue(p.contentEquals(back), "density " + density);
        }
    }

    @Test
    void bytesShrinkWithSparsity() {
        int dense = 4 * BIG.totalSize();
        int previous = Integer.MAX_VALUE;
        for (double sparsity : new double[] {0.0, 0.5, 0.8, 0.9, 0.99}) {
            int bytes = SparseEncoding.encode(random(BIG, 1 - sparsity, 1)).length;
            assertTrue(bytes < previous, sparsity + ": " + bytes + " >= " + previous);
            previous = bytes;
        }
        // dense costs 4 bytes a value plus headers; at 90% sparsity a bitmap and 10% of the floats: under 0.14 x
        assertTrue(SparseEncoding.encode(random(BIG, 1.0, 1)).length <= dense + 32);
        assertTrue(SparseEncoding.encode(random(BIG, 0.1, 1)).length < 0.14 * dense);
    }

    @Test
    void exactBytesOfASmallGapEncodedTensor() {
        ModelLayout layout = ModelLayout.of(TensorSpec.weight("w", 40));
        float[] v = new float[40];
        v[3] = 1f;
        v[39] = -2f;
        byte[] bytes = SparseEncoding.encode(ParameterSet.wrap(layout, v));
        // magic 4, tensors 1, total 1, mode 1, nnz 1, gaps 3 and 35, two floats
        assertEquals(4 + 1 + 1 + 1 + 1 + 2 + 8, bytes.length);
        assertArrayEquals(new byte[] {'F', 'S', 'P', '1', 1, 40, 1, 2, 3, 35}, java.util.Arrays.copyOf(bytes, 10));
    }

    private static byte[] valid() {
        float[] v = new float[20];
        v[0] = 1f;
        v[5] = 2f;
        v[16] = 3f;
        return SparseEncoding.encode(ParameterSet.wrap(SMALL, v));
    }

    private static void assertMalformed(byte[] bytes, String fragment) {
        MalformedEncodingException e = assertThrows(MalformedEncodingException.class,
                () -> SparseEncoding.decode(bytes, SMALL));
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }

    @Test
    void handMadeBadInputsFailWithClearMessages() {
        byte[] ok = valid();
        // header: F S P 1, tensors 2, total 20, tensor w: mode 1, nnz 2, gaps 0 4, floats; tensor b: mode 1 ...
        assertEquals(1, ok[6]);
        assertMalformed(new byte[0], "magic");
        assertMalformed(new byte[] {'F', 'S', 'P', '2', 2, 20}, "bad magic");
        byte[] tensors = ok.clone();
        tensors[4] = 3;
        assertMalformed(tensors, "3 tensors");
        byte[] total = ok.clone();
        total[5] = 21;
        assertMalformed(total, "21 parameters");
        byte[] mode = ok.clone();
        mode[6] = 7;
        assertMalformed(mode, "unknown mode 7");
        byte[] nnz = ok.clone();
        nnz[7] = 17;
        assertMalformed(nnz, "17 non-zeros in a tensor of 16");
        byte[] gap = ok.clone();
        gap[9] = 15; // second index 0 + 1 + 15 = 16, outside the 16-value tensor
        assertMalformed(gap, "index 16");
        assertMalformed(java.util.Arrays.copyOf(ok, ok.length - 1), "remain");
        assertMalformed(java.util.Arrays.copyOf(ok, ok.length + 1), "trailing");
        assertMalformed(new byte[] {'F', 'S', 'P', '1', (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x7F},
                "varint");
        assertMalformed(new byte[] {'F', 'S', 'P', '1', (byte) 0x82, 0x00}, "overlong");
        // a claimed count far beyond the bytes present fails before any allocation
        assertMalformed(new byte[] {'F', 'S', 'P', '1', 2, 20, 1, 16}, "needs");
    }

    @Test
    void badBitmapsAreRefused() {
        ModelLayout layout = ModelLayout.of(TensorSpec.weight("w", 12));
        // mode 2, nnz 1, bitmap of 2 bytes with bit 13 (padding) set, one float
        byte[] padding = {'F', 'S', 'P', '1', 1, 12, 2, 1, 0, 0x20, 0, 0, (byte) 0x80, 0x3F};
        MalformedEncodingException e = assertThrows(MalformedEncodingException.class,
                () -> SparseEncoding.decode(padding, layout));
        assertTrue(e.getMessage().contains("padding"), e.getMessage());
        byte[] count = {'F', 'S', 'P', '1', 1, 12, 2, 1, 3, 0, 0, 0, (byte) 0x80, 0x3F};
        e = assertThrows(MalformedEncodingException.class, () -> SparseEncoding.decode(count, layout));
        assertTrue(e.getMessage().contains("more than the declared 1"), e.getMessage());
        byte[] good = {'F', 'S', 'P', '1', 1, 12, 2, 1, 0, 0x08, 0, 0, (byte) 0x80, 0x3F};
        assertEquals(1f, SparseEncoding.decode(good, layout).values()[11]);
    }

    /** Any bytes either decode to a set that re-encodes to itself, or fail with MalformedEncodingException. */
    @FuzzTest(maxDuration = "30s")
    void fuzzDecode(byte[] data) {
        ParameterSet p;
        try {
            p = SparseEncoding.decode(data, SMALL);
        } catch (MalformedEncodingException expected) {
            return;
        }
        ParameterSet again = SparseEncoding.decode(SparseEncoding.encode(p), SMALL);
        for (int i = 0; i < p.size(); i++) {
            float a = p.values()[i];
            float b = again.values()[i];
            if (Float.floatToIntBits(a) != Float.floatToIntBits(b) && !(a == 0f && b == 0f)) {
                throw new AssertionError("re-encoding changed value " + i + ": " + a + " vs " + b);
            }
        }
    }
}
