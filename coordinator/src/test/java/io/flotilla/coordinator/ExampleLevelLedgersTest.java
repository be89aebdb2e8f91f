package io.flotilla.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flotilla.privacy.RdpAccountant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExampleLevelLedgersTest {

    /** What the accountant gives one client with n examples after {@code rounds} participations. */
    private static double direct(int n, int batch, int epochs, double z, int rounds) {
        RdpAccountant a = new RdpAccountant();
        for (int r = 0; r < rounds; r++) {
            a.composePoissonGaussian(Math.min(1.0, (double) batch / n), z,
                    (long) epochs * Math.max(1, Math.round((double) n / batch)));
        }
        return a.epsilon(1e-5).epsilon();
    }

    @Test
    void eachClientComposesItsOwnParticipationsAndTheWorstIsReported() {
        ExampleLevelLedgers l = new ExampleLevelLedgers(1.1, 32, 2, 1e-5);
        l.recordRound(1, Map.of("a", 600, "b", 100));
        l.recordRound(2, Map.of("a", 600));
        l.recordRound(3, Map.of("a", 600, "c", 5000));
        assertEquals(direct(600, 32, 2, 1.1, 3), l.epsilon("a"), 1e-12);
        assertEquals(direct(100, 32, 2, 1.1, 1), l.epsilon("b"), 1e-12);
        assertEquals(direct(5000, 32, 2, 1.1, 1), l.epsilon("c"), 1e-12);
        assertEquals(0.0, l.epsilon("never"));
        double worst = Math.max(l.epsilon("a"), Math.max(l.epsilon("b"), l.epsilon("c")));
        assertEquals(worst, l.worstEpsilon(), 0.0);
        // Fewer examples means a larger q for the same batch: b (100 examples, q = 0.32) after one round is
        // already worse than c (5000 examples) after one.
        assertTrue(l.epsilon("b") > l.epsilon("c"));
    }

    @Test
    void checkpointEntriesRestoreToTheSameEpsilons() {
        ExampleLevelLedgers l = new ExampleLevelLedgers(0.9, 16, 1, 1e-5);
        l.recordRound(1, Map.of("a", 200, "b", 50));
        l.recordRound(4, Map.of("b", 50));
        Map<String, List<LedgerEntry>> saved = l.checkpointEntries();
        assertEquals(List.of(new LedgerEntry(1, 0.08, 0.9, 13)), saved.get("example-level/a"));
        assertEquals(2, saved.get("example-level/b").size());
        ExampleLevelLedgers back = new ExampleLevelLedgers(0.9, 16, 1, 1e-5);
        back.restore(Map.of("example-level/a", saved.get("example-level/a"), "example-level/b",
                saved.get("example-level/b"), Checkpoint.CLIENT_LEVEL, List.of(new LedgerEntry(1, 1, 1, 1))));
        assertEquals(l.epsilon("a"), back.epsilon("a"), 0.0);
        assertEquals(l.epsilon("b"), back.epsilon("b"), 0.0);
        assertEquals(2, back.clients(), "the client-level ledger is not a client");
        assertThrows(IllegalArgumentException.class, () -> back.restore(saved));
    }

    @Test
    void badSettingsAndOutOfOrderRoundsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ExampleLevelLedgers(0, 32, 1, 1e-5));
        assertThrows(IllegalArgumentException.class, () -> new ExampleLevelLedgers(1, 0, 1, 1e-5));
        assertThrows(IllegalArgumentException.class, () -> new ExampleLevelLedgers(1, 32, 1, 1));
        ExampleLevelLedgers l = new ExampleLevelLedgers(1, 32, 1, 1e-5);
        l.recordRound(2, Map.of("a", 100));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> l.recordRound(2, Map.of("a", 100)));
        assertTrue(e.getMessage().contains("round 2 charged after round 2"), e.getMessage());
        l.recordRound(3, Map.of("empty", 0));
        assertEquals(0.0, l.epsilon("empty"), "no examples, nothing to protect or charge");
    }
}
