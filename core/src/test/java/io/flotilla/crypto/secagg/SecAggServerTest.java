package io.flotilla.crypto.secagg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flotilla.crypto.secagg.SecAggHarness.Drop;
import java.lang.reflect.Method;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SecAggServerTest {
    private static final int N = 20;
    private static final int D = 2000;

    private static float[][] deltas(int n, int d, long seed) {
        Random r = new Random(seed);
        float[][] x = new float[n][d];
        for (float[] row : x) {
            for (int i = 0; i < d; i++) {
                row[i] = (float) (r.nextGaussian() * 0.02);
            }
        }
        return x;
    }

    private static long[] weights(int n) {
        long[] w = new long[n];
        for (int u = 0; u < n; u++) {
            w[u] = 50 + 37L * u;
        }
        return w;
    }

    private static Drop[] drops(int n, int count, Drop kind, long seed) {
        Drop[] d = new Drop[n];
        Arrays.fill(d, Drop.NONE);
        Random r = new Random(seed);
        int placed = 0;
        while (placed < count) {
            int u = r.nextInt(n);
            if (d[u] == Drop.NONE) {
                d[u] = kind;
                placed++;
            }
        }
        return d;
    }

    private static void assertSumMatches(SecAggHarness h, SecAggResult result) {
        Set<Integer> contributors = new TreeSet<>();
        long weight = 0;
        for (int u = 0; u < h.drops.length; u++) {
            if (h.drops[u] == Drop.NONE || h.drops[u] == Drop.AFTER_MASKED_INPUT) {
                contributors.add(u);
                weight += h.weights[u];
            }
        }
        assertEquals(contributors.size(), result.survivors());
        assertEquals(weight, result.totalWeight());
        double[] expected = h.expectedWeightedSum(contributors);
        double bound = h.config.quantisationBound(contributors.size());
        for (int i = 0; i < expected.length; i++) {
            double err = Math.abs(result.weightedSum()[i] - expected[i]);
            assertTrue(err <= bound + 1e-6 * Math.abs(expected[i]),
                    "value " + i + ": got " + result.weightedSum()[i] + ", expected " + expected[i]
                            + " within " + bound);
        }
    }

    @ParameterizedTest(name = "{0} of 20 clients drop {1}")
    @CsvSource({"0, NONE", "2, BEFORE_MASKED_INPUT", "6, BEFORE_MASKED_INPUT", "2, AFTER_MASKED_INPUT",
            "6, AFTER_MASKED_INPUT", "3, DURING_SHARING", "4, BEFORE_ADVERTISE"})
    void unmaskedSumEqualsPlaintextWeightedSum(int dropped, Drop kind)
            throws GeneralSecurityException, SecAggAbortedException {
        SecAggConfig config = SecAggConfig.withFinestScale(N, 11, 0, D, 0.05, 1000, 0.1, 1);
        SecAggHarness h = new SecAggHarness(config, deltas(N, D, dropped), weights(N), drops(N, dropped, kind, 5));
        assertSumMatches(h, h.run(dropped + 1));
    }

    @Test
    void secAggPlusNeighbourhoodsGiveTheSameSumWithThirtyPercentDropout()
            throws GeneralSecurityException, SecAggAbortedException {
        int n = 40;
        SecAggConfig config = SecAggConfig.withFinestScale(n, 13, 24, 500, 0.05, 2000, 0.1, 99);
        SecAggHarness h = new SecAggHarness(config, deltas(n, 500, 3), weights(n),
                drops(n, 12, Drop.BEFORE_MASKED_INPUT, 8));
        assertSumMatches(h, h.run(3));
    }

    @Test
    void secAggPlusAbortsCleanlyWhenADroppedClientsNeighbourhoodIsTooThin() {
        // same dropouts as above, smaller neighbourhoods: one dropped client keeps fewer than t live holders
        int n = 40;
        SecAggConfig config = SecAggConfig.withFinestScale(n, 9, 16, 500, 0.05, 2000, 0.1, 99);
        SecAggHarness h = new SecAggHarness(config, deltas(n, 500, 3), weights(n),
                drops(n, 12, Drop.BEFORE_MASKED_INPUT, 8));
        SecAggAbortedException e = assertThrows(SecAggAbortedException.class, () -> h.run(3));
        assertTrue(e.getMessage().contains("threshold is 9"), e.getMessage());
    }

    /**
     * Issue 14's run in the pure state machines: 4 of 10 sampled clients drop before advertising keys, the
     * threshold of 0.67 x 10 = 7 exceeds the 6 left. The group is the 6 that advertised; its threshold is
     * max(6/2 + 1, ceil(7 x 6 / 10)) = 5, and the sum of the 6 unmasks.
     */
    @Test
    void theThresholdIsTakenOfTheGroupThatAdvertisedNotOfTheCohortSampled()
            throws GeneralSecurityException, SecAggAbortedException {
        int n = 10;
        SecAggConfig config = SecAggConfig.withFinestScale(n, 7, 0, 200, 0.05, 1000, 0.1, 1);
        SecAggHarness h = new SecAggHarness(config, deltas(n, 200, 4), weights(n),
                drops(n, 4, Drop.BEFORE_ADVERTISE, 6));
        assertSumMatches(h, h.run(4));
        assertEquals(5, config.groupThreshold(6));
    }

    @Test
    void aGroupBelowThreeAbortsWhateverTheThreshold() {
        SecAggConfig config = SecAggConfig.withFinestScale(10, 6, 0, 50, 0.05, 1000, 0.1, 1);
        SecAggHarness h = new SecAggHarness(config, deltas(10, 50, 1), weights(10),
                drops(10, 8, Drop.BEFORE_ADVERTISE, 2));
        SecAggAbortedException e = assertThrows(SecAggAbortedException.class, () -> h.run(1));
        assertEquals("only 2 clients advertised keys; secure aggregation needs a group of at least 3",
                e.getMessage());
    }

    @Test
    void roundAbortsWhenSurvivorsFallBelowThreshold() {
        SecAggConfig config = SecAggConfig.withFinestScale(N, 15, 0, 50, 0.05, 1000, 0.1, 1);
        SecAggHarness h = new SecAggHarness(config, deltas(N, 50, 1), weights(N),
                drops(N, 6, Drop.BEFORE_MASKED_INPUT, 2));
        SecAggAbortedException e = assertThrows(SecAggAbortedException.class, () -> h.run(1));
        assertEquals("only 14 clients sent masked input, threshold is 15", e.getMessage());
    }

    @Test
    void roundAbortsWhenTooFewAnswerTheUnmaskingRequest() {
        SecAggConfig config = SecAggConfig.withFinestScale(N, 15, 0, 50, 0.05, 1000, 0.1, 1);
        SecAggHarness h = new SecAggHarness(config, deltas(N, 50, 1), weights(N),
                drops(N, 6, Drop.AFTER_MASKED_INPUT, 2));
        SecAggAbortedException e = assertThrows(SecAggAbortedException.class, () -> h.run(1));
        assertEquals("only 14 clients answered the unmasking request, threshold is 15", e.getMessage());
    }

    @Test
    void serverApiNeverReceivesAPlaintextVector() {
        for (Method m : SecAggServer.class.getDeclaredMethods()) {
            for (Class<?> p : m.getParameterTypes()) {
                assertFalse(p == float[].class || p == double[].class, m + " takes a plaintext vector");
            }
        }
    }

    @Test
    void duplicateAndOutOfOrderMessagesAreRefused() throws GeneralSecurityException, SecAggAbortedException {
        SecAggConfig config = SecAggConfig.withFinestScale(3, 2, 0, 4, 1, 10, 0.1, 1);
        SecAggServer server = new SecAggServer(config, 1, new AesCtrMaskGenerator());
        SecAggClient c = new SecAggClient(config, 1, 0, SecAggHarness.seeded(1), new AesCtrMaskGenerator());
        AdvertiseKeys a = c.advertise();
        server.onAdvertise(a);
        assertThrows(IllegalArgumentException.class, () -> server.onAdvertise(a));
        assertThrows(IllegalStateException.class, () -> server.onMaskedInput(new MaskedInput(0, new int[5])));
        assertThrows(SecAggAbortedException.class, server::closeAdvertise);
    }
}
