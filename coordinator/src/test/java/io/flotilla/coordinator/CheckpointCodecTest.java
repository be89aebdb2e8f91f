package io.flotilla.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CheckpointCodecTest {

    @Test
    void encodingStartsWithMagicAndEndsWithTheSha256OfTheRest() throws Exception {
        byte[] b = CheckpointCodec.encode(CheckpointStoreTest.checkpoint(3));
        assertEquals(0x464c434b, ByteBuffer.wrap(b).getInt());
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(Arrays.copyOf(b, b.length - 32));
        assertTrue(Arrays.equals(digest, Arrays.copyOfRange(b, b.length - 32, b.length)));
    }

    @Test
    void everyTruncationAndEveryFlippedBitIsRejected() {
        byte[] good = CheckpointCodec.encode(CheckpointStoreTest.checkpoint(3));
        for (int n = 0; n < good.length; n++) {
            int len = n;
            assertThrows(IllegalArgumentException.class, () -> CheckpointCodec.decode(Arrays.copyOf(good, len)));
        }
        for (int i = 0; i < good.length; i++) {
            byte[] bad = good.clone();
            bad[i] ^= (byte) 0x10;
            assertThrows(IllegalArgumentException.class, () -> CheckpointCodec.decode(bad), "byte " + i);
        }
    }

    @Test
    void validChecksumOverAHugeClaimedCountIsRefusedBeforeAllocation() throws Exception {
        // A body whose tensor count claims 2^31-1 entries, correctly checksummed: the length check must catch it.
        ByteBuffer body = ByteBuffer.allocate(4 + 4 + 4 + 8 + 8 + 4 + 4);
        body.putInt(0x464c434b).putInt(1).putInt(1).putLong(1).putLong(1).putInt(0).putInt(Integer.MAX_VALUE);
        byte[] b = Arrays.copyOf(body.array(), body.capacity() + 32);
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(body.array());
        System.arraycopy(digest, 0, b, body.capacity(), 32);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CheckpointCodec.decode(b));
        assertTrue(e.getMessage().contains("2147483647"), e.getMessage());
    }

    /** Arbitrary bytes, with a valid checksum appended so the fuzzer reaches the parser behind it. */
    @FuzzTest(maxDuration = "10s")
    void arbitraryChecksummedBodiesOnlyFailWithIllegalArgument(FuzzedDataProvider data) throws Exception {
        byte[] body = data.consumeRemainingAsBytes();
        byte[] b = Arrays.copyOf(body, body.length + 32);
        System.arraycopy(MessageDigest.getInstance("SHA-256").digest(body), 0, b, body.length, 32);
        try {
            CheckpointCodec.decode(b);
        } catch (IllegalArgumentException expected) {
            // malformed checkpoints are reported, never thrown as anything else
        }
    }
}
