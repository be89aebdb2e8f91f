package io.flotilla.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class CohortSamplerTest {
    private static final List<String> IDS = List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j");

    @Test
    void sameSeedSameCohortsAndSavedStateResumesTheSequence() {
        CohortSampler a = new CohortSampler(42);
        CohortSampler b = new CohortSampler(42);
        assertEquals(a.sample(IDS, 4), b.sample(IDS, 4));
        CohortSampler resumed = new CohortSampler(a.state());
        assertEquals(a.sample(IDS, 5), resumed.sample(IDS, 5));
        assertEquals(a.nextSeed(), resumed.nextSeed());
        assertNotEquals(new CohortSampler(1).sample(IDS, 5), new CohortSampler(2).sample(IDS, 5));
    }

    @Test
    void cohortsAreDistinctMembersAndCoverEveryoneOverTime() {
        CohortSampler s = new CohortSampler(7);
        int[] counts = new int[IDS.size()];
        for (int t = 0; t < 2000; t++) {
            List<String> c = s.sample(IDS, 3);
            assertEquals(3, new HashSet<>(c).size());
            for (String id : c) {
                counts[IDS.indexOf(id)]++;
            }
        }
        // Each id is expected 600 times; a fair sampler stays well within +-20%.
        for (int n : counts) {
            assertTrue(n > 480 && n < 720, "count " + n);
        }
    }

    @Test
    void samplingAllReturnsAPermutationAndTooManyIsAnError() {
        assertEquals(new HashSet<>(IDS), new HashSet<>(new CohortSampler(3).sample(IDS, IDS.size())));
        assertThrows(IllegalArgumentException.class, () -> new CohortSampler(3).sample(IDS, 11));
        assertEquals(List.of(), new CohortSampler(3).sample(new ArrayList<String>(), 0));
    }

    /** Binomial(n, q) probability of k. */
    private static double binomial(int n, int k, double q) {
        double logC = 0;
        for (int i = 1; i <= k; i++) {
            logC += Math.log(n - k + i) - Math.log(i);
        }
        return Math.exp(logC + k * Math.log(q) + (n - k) * Math.log1p(-q));
    }

    @Test
    void poissonCohortSizesFollowTheBinomialAndMembersAreIndependent() {
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ids.add(i);
        }
        double q = 0.3;
        int draws = 20_000;
        CohortSampler s = new CohortSampler(2026);
        long[] sizes = new long[21];
        long[] member = new long[20];
        long both01 = 0;
        long both519 = 0;
        for (int t = 0; t < draws; t++) {
            List<Integer> c = s.samplePoisson(ids, q);
            sizes[c.size()]++;
            for (int id : c) {
                member[id]++;
            }
            both01 += c.contains(0) && c.contains(1) ? 1 : 0;
            both519 += c.contains(5) && c.contains(19) ? 1 : 0;
        }
        // Chi-square of the cohort size against Binomial(20, 0.3), tail bins (expected < 5) pooled.
        double chi2 = 0;
        int bins = 0;
        double pooledObs = 0;
        double pooledExp = 0;
        for (int k = 0; k <= 20; k++) {
            double expected = draws * binomial(20, k, q);
            if (expected < 5) {
                pooledObs += sizes[k];
                pooledExp += expected;
                continue;
            }
            chi2 += (sizes[k] - expected) * (sizes[k] - expected) / expected;
            bins++;
        }
        chi2 += (pooledObs - pooledExp) * (pooledObs - pooledExp) / pooledExp;
        bins++;
        // 99.9% quantile of chi-square with bins - 1 <= 15 degrees of freedom is 37.7.
        assertTrue(chi2 < 37.7, "chi-square " + chi2 + " over " + bins + " bins");
        // Each client joins with probability q: 6000 expected, sd 65; pairs with q^2: 1800 expected, sd 40.
        for (long m : member) {
            assertTrue(Math.abs(m - draws * q) < 5 * Math.sqrt(draws * q * (1 - q)), "member count " + m);
        }
        for (long b : new long[] {both01, both519}) {
            assertTrue(Math.abs(b - draws * q * q) < 5 * Math.sqrt(draws * q * q * (1 - q * q)), "pair count " + b);
        }
    }

    @Test
    void poissonEdgeRatesAndResumedState() {
        assertEquals(List.of(), new CohortSampler(1).samplePoisson(IDS, 0.0));
        assertEquals(IDS, new CohortSampler(1).samplePoisson(IDS, 1.0));
        CohortSampler a = new CohortSampler(99);
        a.samplePoisson(IDS, 0.4);
        CohortSampler resumed = new CohortSampler(a.state());
        assertEquals(a.samplePoisson(IDS, 0.4), resumed.samplePoisson(IDS, 0.4));
        // One random number per candidate, whatever the outcome: the state advances by exactly n draws.
        CohortSampler b = new CohortSampler(5);
        b.samplePoisson(IDS, 0.5);
        CohortSampler c = new CohortSampler(5);
        for (int i = 0; i < IDS.size(); i++) {
            c.nextSeed();
        }
        assertEquals(c.state(), b.state());
        for (double bad : new double[] {-0.1, 1.01, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new CohortSampler(1).samplePoisson(IDS, bad));
            assertTrue(e.getMessage().contains("[0, 1]"), e.getMessage());
        }
    }

    @Test
    void splitMix64KnownAnswer() {
        // SplitMix64 from state 0: first output 0xE220A8397B1DCDAF (Vigna's reference implementation).
        assertEquals(0xE220A8397B1DCDAFL, new CohortSampler(0).nextSeed());
    }
}
