package io.flotilla.model.encoding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class GlobalParametersTest {

    @Test
    void encodesHeaderAndLittleEndianValues() {
        assertArrayEquals(new byte[] {'F', 'L', 'G', 'P', 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, (byte) 0xc0},
                GlobalParameters.encode(new float[] {-2f}));
        float[] v = {1f, -0f, 7.5f};
        assertArrayEquals(v, GlobalParameters.decode(GlobalParameters.encode(v), 3));
        assertEquals(24, GlobalParameters.encodedSize(3));
    }

    @Test
    void wrongCountTruncationAndBadMagicNameBothSizes() {
        byte[] b = GlobalParameters.encode(new float[4]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GlobalParameters.decode(b,
                5));
        assertTrue(e.getMessage().contains("4") && e.getMessage().contains("5"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> GlobalParameters.decode(Arrays.copyOf(b, 27), 4));
        assertThrows(IllegalArgumentException.class, () -> GlobalParameters.decode(new byte[5], 4));
        byte[] magic = b.clone();
        magic[3] = 0;
        assertThrows(IllegalArgumentException.class, () -> GlobalParameters.decode(magic, 4));
    }

    @FuzzTest(maxDuration = "10s")
    void arbitraryBytesOnlyFailWithIllegalArgument(FuzzedDataProvider data) {
        int expected = data.consumeInt(0, 1 << 16);
        byte[] bytes = data.consumeRemainingAsBytes();
        try {
            assertEquals(expected, GlobalParameters.decode(bytes, expected).length);
        } catch (IllegalArgumentException ok) {
            // rejected with a message
        }
    }
}
