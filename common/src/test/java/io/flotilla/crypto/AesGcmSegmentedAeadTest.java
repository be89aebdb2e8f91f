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
