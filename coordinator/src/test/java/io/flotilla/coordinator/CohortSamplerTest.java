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

    @Test
    void splitMix64KnownAnswer() {
        // SplitMix64 from state 0: first output 0xE220A8397B1DCDAF (Vigna's reference implementation).
        assertEquals(0xE220A8397B1DCDAFL, new CohortSampler(0).nextSeed());
    }
}
