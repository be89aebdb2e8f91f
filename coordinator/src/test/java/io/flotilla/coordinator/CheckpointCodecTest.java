package io.flotilla.coordinator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
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

    private static Checkpoint withLedgers() {
        Checkpoint c = CheckpointStoreTest.checkpoint(3);
        return new Checkpoint(c.round(), c.modelVersion(), c.rngState(), c.parameters(), c.strategyState(),
                c.config(), Map.of(Checkpoint.CLIENT_LEVEL, List.of(new LedgerEntry(1, 0.2, 1.1, 1),
                        new LedgerEntry(3, 0.25, 0.9, 1)),
                        "example-level/c7", List.of(new LedgerEntry(2, 0.01, 1.5, 120))));
    }

    @Test
    void privacyLedgersRoundTripBitForBit() {
        Checkpoint back = CheckpointCodec.decode(CheckpointCodec.encode(withLedgers()));
        assertEquals(withLedgers().privacy(), back.privacy());
        assertEquals(0.25, back.privacy().get(Checkpoint.CLIENT_LEVEL).get(1).samplingRate(), 0.0);
        assertEquals(Map.of(), CheckpointCodec.decode(CheckpointCodec.encode(CheckpointStoreTest.checkpoint(2)))
                .privacy());
    }

    @Test
    void versionOneCheckpointsWithoutLedgersStillRead() throws Exception {
        byte[] v2 = CheckpointCodec.encode(CheckpointStoreTest.checkpoint(3));
        // Version 1 is version 2 without the ledger count (an int of 0 just before the digest).
        byte[] body = Arrays.copyOf(v2, v2.length - 32 - 4);
        ByteBuffer.wrap(body).putInt(4, 1);
        Checkpoint back = CheckpointCodec.decode(checksummed(body));
        assertEquals(3, back.round());
        assertEquals(Map.of(), back.privacy());
        assertArrayEquals(CheckpointStoreTest.checkpoint(3).parameters().values(), back.parameters().values(), 0f);
    }

    /** Offset of the first ledger entry's q in the body of {@link #withLedgers()} (ledgers sorted by name). */
    private static int firstEntryOffset(byte[] body) {
        byte[] name = Checkpoint.CLIENT_LEVEL.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (int i = 0; i + name.length <= body.length; i++) {
            if (Arrays.equals(Arrays.copyOfRange(body, i, i + name.length), name)) {
                return i + name.length + 4; // past the name and the entry count
            }
        }
        throw new AssertionError("ledger name not found");
    }

    private static byte[] ledgerBodyWith(java.util.function.Consumer<ByteBuffer> edit) {
        byte[] good = CheckpointCodec.encode(withLedgers());
        byte[] body = Arrays.copyOf(good, good.length - 32);
        ByteBuffer b = ByteBuffer.wrap(body);
        b.position(firstEntryOffset(body));
        edit.accept(b);
        return checksummed(body);
    }

    @Test
    void checksummedButInvalidLedgerEntriesAreRefusedWithTheReason() {
        // Entry layout: round int, q double, z double, steps int.
        assertRefused("sampling rate", ledgerBodyWith(b -> b.putInt(b.position(), 1).putDouble(b.position() + 4, 1.5)));
        assertRefused("sampling rate", ledgerBodyWith(b -> b.putDouble(b.position() + 4, Double.NaN)));
        assertRefused("noise multiplier", ledgerBodyWith(b -> b.putDouble(b.position() + 12, -1)));
        assertRefused("noise multiplier", ledgerBodyWith(b -> b.putDouble(b.position() + 12,
                Double.POSITIVE_INFINITY)));
        assertRefused("steps", ledgerBodyWith(b -> b.putInt(b.position() + 20, 0)));
        assertRefused("round", ledgerBodyWith(b -> b.putInt(b.position(), 0)));
        // The second entry (round 3) made to come before the first: rounds must increase.
        assertRefused("after round", ledgerBodyWith(b -> b.putInt(b.position(), 3).putInt(b.position() + 24, 2)));
        // A round past the checkpoint's own round (3).
        assertRefused("in a checkpoint of round 3", ledgerBodyWith(b -> b.putInt(b.position() + 24, 4)));
        // An entry count claiming far more entries than there are bytes.
        assertRefused("does not fit", ledgerBodyWith(b -> b.putInt(b.position() - 4, 1 << 28)));
    }

    @Test
    void aLedgerNamedTwiceIsRefused() throws Exception {
        byte[] good = CheckpointCodec.encode(withLedgers());
        byte[] body = Arrays.copyOf(good, good.length - 32);
        // Rename "example-level/c7" to "client-level" padded to the same length is impossible; instead rewrite
        // the second ledger's name bytes in place to the first's when the lengths match.
        String first = Checkpoint.CLIENT_LEVEL;
        String dup = "client-level\u0000\u0000\u0000\u0000";
        assertEquals("example-level/c7".length(), dup.length());
        String text = new String(body, java.nio.charset.StandardCharsets.ISO_8859_1);
        int at = text.indexOf("example-level/c7");
        System.arraycopy(dup.getBytes(java.nio.charset.StandardCharsets.UTF_8), 0, body, at, dup.length());
        // Distinct names that differ only by trailing NULs are still distinct strings: accepted as two ledgers.
        assertEquals(2, CheckpointCodec.decode(checksummed(body)).privacy().size());
        // Now the true duplicate: shrink the second name to the first by editing its length and bytes.
        ByteBuffer w = ByteBuffer.wrap(body);
        w.putInt(at - 4, first.length());
        byte[] shorter = new byte[body.length - 4];
        System.arraycopy(body, 0, shorter, 0, at + first.length());
        System.arraycopy(body, at + dup.length(), shorter, at + first.length(), body.length - at - dup.length());
        assertRefused("appears twice", checksummed(shorter));
    }

    private static void assertRefused(String reason, byte[] bytes) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CheckpointCodec.decode(bytes));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    private static byte[] checksummed(byte[] body) {
        try {
            byte[] b = Arrays.copyOf(body, body.length + 32);
            System.arraycopy(MessageDigest.getInstance("SHA-256").digest(body), 0, b, body.length, 32);
            return b;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theFuzzSeedWithLedgersIsAValidCheckpoint() throws Exception {
        // Keeps the seed honest: it must reach the ledger parser and decode, or the fuzzer starts from nothing.
        byte[] body = java.nio.file.Files.readAllBytes(java.nio.file.Path.of(getClass().getResource(
                "CheckpointCodecTestInputs/arbitraryChecksummedBodiesOnlyFailWithIllegalArgument/seed-v2-with-ledgers")
                .toURI()));
        Checkpoint c = CheckpointCodec.decode(checksummed(body));
        assertEquals(List.of(new LedgerEntry(2, 0.01, 1.5, 120)), c.privacy().get("example-level/c7"));
        assertEquals(2, c.privacy().get(Checkpoint.CLIENT_LEVEL).size());
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
