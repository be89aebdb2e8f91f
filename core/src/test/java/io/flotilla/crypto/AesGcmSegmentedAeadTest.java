package io.flotilla.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AesGcmSegmentedAeadTest {
    private static final int SEG = SegmentedAeadParameters.MIN_SEGMENT;
    private static final int PLAIN = SEG - 16;
    private static final byte[] AD = {7, 7, 7};
    private final SecureRandom random = new SecureRandom();
    private final AesGcmSegmentedAead aead = new AesGcmSegmentedAead(SecretBytes.copyFrom(new byte[32]),
            new SegmentedAeadParameters(SEG), random);

    private static byte[] data(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    @Test
    void roundTripsAtSegmentBoundaries() throws GeneralSecurityException {
        for (int n : new int[] {0, 1, PLAIN - 1, PLAIN, PLAIN + 1, 3 * PLAIN, 3 * PLAIN + 5}) {
            byte[] pt = data(n);
            byte[] ct = aead.encrypt(pt, AD);
            assertEquals(aead.ciphertextSize(n), ct.length, "size for " + n);
            assertArrayEquals(pt, aead.decrypt(ct, AD), "round trip of " + n);
        }
    }

    @Test
    void swappedSegmentsFail() throws GeneralSecurityException {
        byte[] ct = aead.encrypt(data(3 * PLAIN), AD);
        byte[] swapped = ct.clone();
        System.arraycopy(ct, AesGcmSegmentedAead.HEADER_SIZE, swapped, AesGcmSegmentedAead.HEADER_SIZE + SEG, SEG);
        System.arraycopy(ct, AesGcmSegmentedAead.HEADER_SIZE + SEG, swapped, AesGcmSegmentedAead.HEADER_SIZE, SEG);
        assertThrows(GeneralSecurityException.class, () -> aead.decrypt(swapped, AD));
    }

    @Test
    void truncationAtASegmentBoundaryFails() throws GeneralSecurityException {
        byte[] ct = aead.encrypt(data(3 * PLAIN), AD);
        byte[] truncated = Arrays.copyOf(ct, AesGcmSegmentedAead.HEADER_SIZE + 2 * SEG);
        assertThrows(GeneralSecurityException.class, () -> aead.decrypt(truncated, AD));
    }

    @Test
    void extensionWithASegmentFails() throws GeneralSecurityException {
        byte[] ct = aead.encrypt(data(2 * PLAIN), AD);
        byte[] longer = Arrays.copyOf(ct, ct.length + SEG);
        System.arraycopy(ct, AesGcmSegmentedAead.HEADER_SIZE, longer, ct.length, SEG);
        assertThrows(GeneralSecurityException.class, () -> aead.decrypt(longer, AD));
    }

    @Test
    void segmentFromAnotherMessageFails() throws GeneralSecurityException {
        byte[] pt = data(2 * PLAIN);
        byte[] a = aead.encrypt(pt, AD);
        byte[] b = aead.encrypt(pt, AD);
        byte[] mixed = a.clone();
        System.arraycopy(b, AesGcmSegmentedAead.HEADER_SIZE, mixed, AesGcmSegmentedAead.HEADER_SIZE, SEG);
        assertThrows(GeneralSecurityException.class, () -> aead.decrypt(mixed, AD));
    }

    @Test
    void bitFlipsInHeaderBodyOrTagAndOtherAssociatedDataFail() throws GeneralSecurityException {
        byte[] ct = aead.encrypt(data(PLAIN + 100), AD);
        for (int pos : new int[] {0, 5, 35, AesGcmSegmentedAead.HEADER_SIZE, AesGcmSegmentedAead.HEADER_SIZE + SEG - 1,
                ct.length - 1, ct.length - 17}) {
            byte[] bad = ct.clone();
            bad[pos] ^= 0x40;
            assertThrows(GeneralSecurityException.class, () -> aead.decrypt(bad, AD), "flip at " + pos);
        }
        assertThrows(GeneralSecurityException.class, () -> aead.decrypt(ct, new byte[] {7, 7}));
    }

    @Test
    void malformedLengthsAreRejectedWithClearErrors() {
        GeneralSecurityException e = assertThrows(GeneralSecurityException.class, () -> aead.decrypt(new byte[10], AD));
        assertEquals("ciphertext has 10 bytes, minimum is 56", e.getMessage());
        byte[] shortLast = new byte[AesGcmSegmentedAead.HEADER_SIZE + SEG + 5];
        shortLast[0] = 1;
        e = assertThrows(GeneralSecurityException.class, () -> aead.decrypt(shortLast, AD));
        assertEquals("last segment has 5 bytes, shorter than a tag (16)", e.getMessage());
    }

    @Test
    void tagDigestChangesWithTagsButNotWithBodies() throws GeneralSecurityException {
        byte[] ct = aead.encrypt(data(100), AD);
        byte[] body = ct.clone();
        body[AesGcmSegmentedAead.HEADER_SIZE] ^= 1;
        byte[] tag = ct.clone();
        tag[ct.length - 1] ^= 1;
        assertArrayEquals(aead.tagDigest(ct), aead.tagDigest(body));
        assertThrows(AssertionError.class, () -> assertArrayEquals(aead.tagDigest(ct), aead.tagDigest(tag)));
    }

    @Test
    void parallelAndSequentialProcessingAreInterchangeable() throws GeneralSecurityException {
        SecretBytes key = SecretBytes.random(32, random);
        AesGcmSegmentedAead one = new AesGcmSegmentedAead(key, new SegmentedAeadParameters(SEG, 1), random);
        AesGcmSegmentedAead three = new AesGcmSegmentedAead(key, new SegmentedAeadParameters(SEG, 3), random);
        byte[] pt = data(11 * PLAIN + 77);
        assertArrayEquals(pt, three.decrypt(one.encrypt(pt, AD), AD));
        byte[] ct = three.encrypt(pt, AD);
        assertArrayEquals(pt, one.decrypt(ct, AD));
        // a flip in a segment that a worker thread (not the caller) decrypts still fails the whole message
        byte[] bad = ct.clone();
        bad[AesGcmSegmentedAead.HEADER_SIZE + 9 * SEG + 3] ^= 1;
        GeneralSecurityException e = assertThrows(GeneralSecurityException.class, () -> three.decrypt(bad, AD));
        assertEquals("segment 9 of 12 failed authentication", e.getMessage());
    }

    @Test
    void inPlaceEncryptionWritesExactlyWhatEncryptWritesAndNothingElse() throws GeneralSecurityException {
        SecretBytes key = SecretBytes.random(32, random);
        int offset = 123;
        for (int parallelism : new int[] {1, 3}) {
            for (int n : new int[] {0, 1, PLAIN, PLAIN + 1, 11 * PLAIN + 77}) {
                byte[] pt = data(n);
                byte[] expected = new AesGcmSegmentedAead(key, new SegmentedAeadParameters(SEG, parallelism),
                        seeded(n)).encrypt(pt, AD);
                AesGcmSegmentedAead inPlace = new AesGcmSegmentedAead(key,
                        new SegmentedAeadParameters(SEG, parallelism), seeded(n));
                byte[] buffer = new byte[offset + expected.length + 9];
                Arrays.fill(buffer, (byte) 0x5a);
                System.arraycopy(pt, 0, buffer, offset + AesGcmSegmentedAead.HEADER_SIZE, n);
                inPlace.encryptInPlace(buffer, offset, n, AD);
                String what = n + " bytes, " + parallelism + " threads";
                assertArrayEquals(expected, Arrays.copyOfRange(buffer, offset, offset + expected.length), what);
                for (int i : new int[] {0, offset - 1, offset + expected.length, buffer.length - 1}) {
                    assertEquals((byte) 0x5a, buffer[i], "byte " + i + " outside the ciphertext, " + what);
                }
                assertArrayEquals(inPlace.tagDigest(expected),
                        inPlace.tagDigest(buffer, offset, expected.length), what);
                assertArrayEquals(pt, inPlace.decrypt(expected, AD), what);
            }
        }
    }

    @Test
    void inPlaceEncryptionRefusesABufferTooSmallForTheCiphertext() {
        byte[] buffer = new byte[AesGcmSegmentedAead.HEADER_SIZE + 100 + AesGcmSegmentedAead.TAG_SIZE - 1];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> aead.encryptInPlace(buffer, 0, 100, AD));
        assertEquals("a ciphertext of 156 bytes at offset 0 does not fit a buffer of 155 bytes", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> aead.encryptInPlace(new byte[200], -1, 10, AD));
        assertThrows(IllegalArgumentException.class, () -> aead.tagDigest(new byte[100], 50, 60));
    }

    /** Two instances built from the same seed draw the same salt and nonce prefix: test use only. */
    private static SecureRandom seeded(long seed) {
        Random r = new Random(seed);
        return new SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
                r.nextBytes(bytes);
            }
        };
    }

    @Test
    void segmentSizeOutsideRangeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SegmentedAeadParameters(1024));
        assertThrows(IllegalArgumentException.class, () -> new SegmentedAeadParameters(2 * 1024 * 1024));
    }

    @FuzzTest(maxDuration = "10s")
    void decryptOfArbitraryBytesFailsCleanly(byte[] input) {
        try {
            aead.decrypt(input, AD);
            throw new AssertionError("forged ciphertext accepted");
        } catch (GeneralSecurityException expected) {
            // the only acceptable outcome for bytes not produced by encrypt
        }
    }
}
