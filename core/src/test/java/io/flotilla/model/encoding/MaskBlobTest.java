package io.flotilla.model.encoding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.flotilla.model.ModelLayout;
import io.flotilla.model.ParameterMask;
import io.flotilla.model.ParameterSet;
import io.flotilla.model.TensorSpec;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MaskBlobTest {
    private static final ModelLayout TEN = ModelLayout.of(TensorSpec.weight("w", 8), TensorSpec.bias("b", 2));
    private static final float[] KEEP = {1f, 0f, 0f, 1f, 0f, 0f, 0f, 0f, 1f, 1f};

    @Test
    void encodesOneBitPerParameterLeastSignificantFirst() {
        byte[] b = MaskBlob.encode(ParameterMask.of(TEN, KEEP));
        assertArrayEquals(new byte[] {'F', 'M', 'K', '1', 10, 0, 0, 0, 0b0000_1001, 0b0000_0011}, b);
        assertArrayEquals(KEEP, MaskBlob.decode(b, TEN).keepValues());
    }

    @Test
    void theOlderSparseFormStillDecodes() {
        byte[] legacy = SparseEncoding.encode(ParameterSet.wrap(TEN, KEEP.clone()));
        assertArrayEquals(KEEP, MaskBlob.decode(legacy, TEN).keepValues());
        float[] notBinary = KEEP.clone();
        notBinary[0] = 0.5f;
        assertThrows(IllegalArgumentException.class,
                () -> MaskBlob.decode(SparseEncoding.encode(ParameterSet.wrap(TEN, notBinary)), TEN));
    }

    @Test
    void anEightyPercentMaskOfMnist2nnCostsAnEighthOfAByteAParameter() {
        ModelLayout big = ModelLayout.of(TensorSpec.weight("w", 784, 200), TensorSpec.bias("b", 200));
        float[] keep = new float[big.totalSize()];
        for (int i = 0; i < keep.length; i += 5) {
            keep[i] = 1f;
        }
        byte[] b = MaskBlob.encode(ParameterMask.of(big, keep));
        assertEquals(8 + (big.totalSize() + 7) / 8, b.length);
        assertTrue(b.length * 5 < SparseEncoding.encode(ParameterSet.wrap(big, keep)).length, "vs the sparse form");
        assertTrue(b.length <= MaskBlob.maxEncodedSize(big));
    }

    @Test
    void wrongCountLengthPaddingOrMagicIsRefusedWithTheSizes() {
        byte[] ok = MaskBlob.encode(ParameterMask.of(TEN, KEEP));
        IllegalArgumentException count = assertThrows(IllegalArgumentException.class, () -> MaskBlob.decode(ok,
                ModelLayout.of(TensorSpec.weight("w", 11))));
        assertTrue(count.getMessage().contains("10") && count.getMessage().contains("11"), count.getMessage());
        IllegalArgumentException length = assertThrows(IllegalArgumentException.class,
                () -> MaskBlob.decode(Arrays.copyOf(ok, ok.length + 1), TEN));
        assertTrue(length.getMessage().contains("10") && length.getMessage().contains("11"), length.getMessage());
        byte[] padding = ok.clone();
        padding[9] |= (byte) 0b0100_0000;
        assertThrows(IllegalArgumentException.class, () -> MaskBlob.decode(padding, TEN));
        byte[] magic = ok.clone();
        magic[2] = 'X';
        assertThrows(IllegalArgumentException.class, () -> MaskBlob.decode(magic, TEN));
        assertThrows(IllegalArgumentException.class, () -> MaskBlob.decode(new byte[3], TEN));
    }

    @FuzzTest(maxDuration = "10s")
    void arbitraryBytesOnlyFailWithIllegalArgument(byte[] data) {
        try {
            ParameterMask m = MaskBlob.decode(data, TEN);
            if (m.keepValues().length != TEN.totalSize()) {
                throw new AssertionError("decoded " + m.keepValues().length + " entries");
            }
        } catch (IllegalArgumentException expected) {
            // refused cleanly
        }
    }
}
