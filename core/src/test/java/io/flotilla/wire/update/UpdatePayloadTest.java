package io.flotilla.wire.update;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.flotilla.pruning.compression.UpdateDecoder;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class UpdatePayloadTest {

    @Test
    void encodesTheDocumentedLittleEndianLayout() {
        byte[] b = new UpdatePayload(2, "ab", 7, new float[] {1f}).toBytes();
        byte[] expected = {
            'F', 'L', 'U', 'P', 1, 0, 0, 0, 2, 0, 0, 0, 7, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 'a', 'b', 1, 0, 0, 0,
            0, 0, (byte) 0x80, 0x3f};
        assertArrayEquals(expected, b);
    }

    @Test
    void writesTheSameBytesAtAnOffsetAndRefusesABufferTooSmall() {
        UpdatePayload dense = new UpdatePayload(2, "ab", 7, new float[] {1f, -2.5f});
        UpdatePayload encoded = UpdatePayload.encoded(2, "ab", 7, new byte[] {1, 2, 3});
        for (UpdatePayload p : new UpdatePayload[] {dense, encoded}) {
            byte[] out = new byte[5 + p.encodedLength() + 3];
            p.writeTo(out, 5);
            assertArrayEquals(p.toBytes(), java.util.Arrays.copyOfRange(out, 5, 5 + p.encodedLength()));
            assertEquals(p.encodedLength(), p.toBytes().length);
            assertThrows(IndexOutOfBoundsException.class, () -> p.writeTo(new byte[p.encodedLength() + 2], 3));
        }
    }

    @Test
    void roundTrips() {
        float[] delta = {0f, -0f, 3.25f, Float.NaN};
        UpdatePayload back = UpdatePayload.fromBytes(new UpdatePayload(9, "client-1", 12, delta).toBytes(), 4);
        assertEquals(9, back.round());
        assertEquals("client-1", back.clientId());
        assertEquals(12, back.modelVersion());
        assertArrayEquals(delta, back.delta());
    }

    @Test
    void countBeyondTheModelIsRefusedBeforeAllocation() {
        byte[] b = new UpdatePayload(1, "a", 0, new float[0]).toBytes();
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(b.length - 4, Integer.MAX_VALUE);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> UpdatePayload.fromBytes(b,
                1000));
        assertTrue(e.getMessage().contains("2147483647") && e.getMessage().contains("1000"), e.getMessage());
    }

    @Test
    void truncatedTrailingAndBadHeaderBytesAreRejected() {
        byte[] good = new UpdatePayload(1, "a", 0, new float[] {1f, 2f}).toBytes();
        for (int n = 0; n < good.length; n++) {
            int len = n;
            assertThrows(IllegalArgumentException.class, () -> UpdatePayload.fromBytes(Arrays.copyOf(good, len), 2));
        }
        assertThrows(IllegalArgumentException.class,
                () -> UpdatePayload.fromBytes(Arrays.copyOf(good, good.length + 1), 2));
        byte[] magic = good.clone();
        magic[0] = 'X';
        assertThrows(IllegalArgumentException.class, () -> UpdatePayload.fromBytes(magic, 2));
        byte[] version = good.clone();
        version[4] = 2;
        assertThrows(IllegalArgumentException.class, () -> UpdatePayload.fromBytes(version, 2));
        byte[] round = good.clone();
        round[8] = 0;
        assertThrows(IllegalArgumentException.class, () -> UpdatePayload.fromBytes(round, 2));
        byte[] idLength = good.clone();
        idLength[20] = 100;
        assertThrows(IllegalArgumentException.class, () -> UpdatePayload.fromBytes(idLength, 2));
    }

    @Test
    void aCompressedDeltaTravelsAsVersionTwoWithItsByteCount() {
        byte[] codec = {'F', 'T', 'K', '1', 9};
        byte[] b = UpdatePayload.encoded(2, "ab", 7, codec).toBytes();
        byte[] expected = {
            'F', 'L', 'U', 'P', 2, 0, 0, 0, 2, 0, 0, 0, 7, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 'a', 'b', 5, 0, 0, 0,
            'F', 'T', 'K', '1', 9};
        assertArrayEquals(expected, b);
        UpdatePayload back = UpdatePayload.fromBytes(b, 10);
        assertTrue(back.isEncoded());
        assertEquals(null, back.delta());
        assertArrayEquals(codec, back.encodedDelta());
        assertEquals(2, back.round());
        assertEquals("ab", back.clientId());
        assertEquals(7, back.modelVersion());
    }

    @Test
    void compressedByteCountsOutsideTheBoundOrDisagreeingWithTheBytesAreRefused() {
        byte[] ok = UpdatePayload.encoded(1, "a", 0, new byte[] {1, 2, 3}).toBytes();
        int countAt = 4 + 4 + 4 + 8 + 4 + 1;
        byte[] huge = ok.clone();
        ByteBuffer.wrap(huge).order(ByteOrder.LITTLE_ENDIAN).putInt(countAt, Integer.MAX_VALUE);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> UpdatePayload.fromBytes(huge,
                2));
        assertTrue(e.getMessage().contains(String.valueOf(Integer.MAX_VALUE)) && e.getMessage().contains("2-value"),
                e.getMessage());
        byte[] zero = ok.clone();
        ByteBuffer.wrap(zero).order(ByteOrder.LITTLE_ENDIAN).putInt(countAt, 0);
        assertThrows(IllegalArgumentException.class, () -> UpdatePayload.fromBytes(zero, 2));
        assertThrows(IllegalArgumentException.class, () -> UpdatePayload.fromBytes(Arrays.copyOf(ok, ok.length - 1),
                2));
        assertThrows(IllegalArgumentException.class, () -> UpdatePayload.fromBytes(Arrays.copyOf(ok, ok.length + 1),
                2));
        byte[] version3 = ok.clone();
        version3[4] = 3;
        assertThrows(IllegalArgumentException.class, () -> UpdatePayload.fromBytes(version3, 2));
    }

    @Test
    void exactlyOneOfDenseAndCompressedIsGiven() {
        assertThrows(IllegalArgumentException.class, () -> new UpdatePayload(1, "a", 0, null, null));
        assertThrows(IllegalArgumentException.class, () -> new UpdatePayload(1, "a", 0, new float[1], new byte[1]));
        assertTrue(UpdatePayload.maxEncodedSize(1000) >= 4 * 1000 + 1000 / 8);
    }

    @FuzzTest(maxDuration = "10s")
    void arbitraryBytesNeverEscapeAsAnythingButIllegalArgument(FuzzedDataProvider data) {
        int max = data.consumeInt(0, 1 << 16);
        byte[] bytes = data.consumeRemainingAsBytes();
        try {
            UpdatePayload p = UpdatePayload.fromBytes(bytes, max);
            // A dense delta is bounded by the model's size, a compressed one by its codecs' largest encoding.
            if (p.isEncoded()) {
                assertTrue(p.encodedDelta().length <= UpdateDecoder.maxEncodedSize(max));
            } else {
                assertTrue(p.delta().length <= max);
            }
            assertArrayEquals(bytes, p.toBytes());
        } catch (IllegalArgumentException expected) {
            // the only failure a parser of untrusted bytes may report
        }
    }
}
