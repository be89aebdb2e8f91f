package io.flotilla.wire.seal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MaskedInputBlobTest {

    @Test
    void encodesAKnownLayout() {
        byte[] b = MaskedInputBlob.encode(3, 0x0102030405060708L, 2, new int[] {-1, 7});
        assertArrayEquals(new byte[] {'F', 'L', 'S', 'M', 1, 0, 0, 0, 3, 0, 0, 0, 8, 7, 6, 5, 4, 3, 2, 1, 2, 0, 0, 0,
            2, 0, 0, 0, -1, -1, -1, -1, 7, 0, 0, 0}, b);
        assertEquals(36, MaskedInputBlob.encodedSize(2));
        assertArrayEquals(new int[] {-1, 7}, MaskedInputBlob.decode(b, 3, 0x0102030405060708L, 2, 2));
    }

    @Test
    void wrongLengthMagicBindingAndCountAreRefused() {
        byte[] b = MaskedInputBlob.encode(3, 9, 2, new int[4]);
        IllegalArgumentException len = assertThrows(IllegalArgumentException.class,
                () -> MaskedInputBlob.decode(b, 3, 9, 2, 5));
        assertTrue(len.getMessage().contains("44") && len.getMessage().contains("48"), len.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MaskedInputBlob.decode(Arrays.copyOf(b, 43), 3, 9, 2, 4));
        byte[] magic = b.clone();
        magic[0] = 'X';
        assertThrows(IllegalArgumentException.class, () -> MaskedInputBlob.decode(magic, 3, 9, 2, 4));
        assertThrows(IllegalArgumentException.class, () -> MaskedInputBlob.decode(b, 4, 9, 2, 4), "other round");
        assertThrows(IllegalArgumentException.class, () -> MaskedInputBlob.decode(b, 3, 8, 2, 4), "other session");
        assertThrows(IllegalArgumentException.class, () -> MaskedInputBlob.decode(b, 3, 9, 1, 4), "other client");
        byte[] count = b.clone();
        count[24] = 5; // claims 5 words in a blob sized for 4
        IllegalArgumentException c = assertThrows(IllegalArgumentException.class,
                () -> MaskedInputBlob.decode(count, 3, 9, 2, 4));
        assertTrue(c.getMessage().contains("claims 5 words, expected 4"), c.getMessage());
    }

    @FuzzTest(maxDuration = "10s")
    void arbitraryBytesOnlyFailWithIllegalArgument(FuzzedDataProvider data) {
        int words = data.consumeInt(0, 1 << 12);
        int index = data.consumeInt(0, 3);
        byte[] bytes = data.consumeRemainingAsBytes();
        try {
            assertEquals(words, MaskedInputBlob.decode(bytes, 1, 0, index, words).length);
        } catch (IllegalArgumentException ok) {
            // refused with a message
        }
    }
}
