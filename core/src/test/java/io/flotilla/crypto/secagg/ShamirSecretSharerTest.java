package io.flotilla.crypto.secagg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flotilla.crypto.SecretBytes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ShamirSecretSharerTest {
    private final ShamirSecretSharer sharer = new ShamirSecretSharer();

    @Test
    void fieldModulusIsPrime() {
        assertTrue(ShamirSecretSharer.PRIME.isProbablePrime(100));
    }

    @Test
    void anyThresholdSubsetReconstructsTheSecret() {
        byte[] secret = new byte[16];
        java.util.Arrays.fill(secret, (byte) 0xff);
        int[] xs = {1, 2, 3, 4, 5, 6, 7};
        List<Share> shares = sharer.split(SecretBytes.copyFrom(secret), xs, 4, SecAggHarness.seeded(1));
        Random r = new Random(2);
        for (int trial = 0; trial < 20; trial++) {
            List<Share> subset = new ArrayList<>(shares);
            Collections.shuffle(subset, r);
            assertArrayEquals(secret, sharer.combine(subset.subList(0, 4), 4).toByteArrayInsecure());
        }
    }

    @Test
    void fewerThanThresholdSharesDoNotGiveTheSecret() {
        byte[] secret = new byte[16];
        new Random(3).nextBytes(secret);
        List<Share> shares = sharer.split(SecretBytes.copyFrom(secret), new int[] {1, 2, 3, 4, 5}, 3,
                SecAggHarness.seeded(4));
        assertThrows(IllegalArgumentException.class, () -> sharer.combine(shares.subList(0, 2), 3));
        boolean leaked;
        try {
            leaked = java.util.Arrays.equals(secret, sharer.combine(shares.subList(0, 2), 2).toByteArrayInsecure());
        } catch (IllegalArgumentException outOfRange) {
            leaked = false;
        }
        assertFalse(leaked);
    }

    @Test
    void duplicatePointsAndBadSizesAreRefused() {
        List<Share> shares = sharer.split(SecretBytes.copyFrom(new byte[16]), new int[] {1, 2, 3}, 2,
                SecAggHarness.seeded(5));
        assertThrows(IllegalArgumentException.class, () -> sharer.combine(List.of(shares.get(0), shares.get(0)), 2));
        assertThrows(IllegalArgumentException.class,
                () -> sharer.split(SecretBytes.copyFrom(new byte[32]), new int[] {1, 2}, 2, SecAggHarness.seeded(6)));
        assertThrows(IllegalArgumentException.class,
                () -> sharer.split(SecretBytes.copyFrom(new byte[16]), new int[] {1, 2}, 3, SecAggHarness.seeded(6)));
    }
}
