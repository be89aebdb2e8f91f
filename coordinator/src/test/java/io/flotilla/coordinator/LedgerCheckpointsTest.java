package io.flotilla.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flotilla.privacy.PrivacyLedger;
import java.util.List;
import org.junit.jupiter.api.Test;

class LedgerCheckpointsTest {

    @Test
    void entriesRestoreIntoAFreshLedgerWithTheSameEpsilonToTheBit() {
        PrivacyLedger run = new PrivacyLedger(1e-5);
        run.recordRound(1, 0.2, 1.0);
        run.recordRound(2, 0.2, 0.8); // e.g. a client-noise round with fewer shares
        run.recordRound(5, 0.2, 1.0);
        List<LedgerEntry> saved = LedgerCheckpoints.entriesOf(run);
        assertEquals(List.of(new LedgerEntry(1, 0.2, 1.0, 1), new LedgerEntry(2, 0.2, 0.8, 1),
                new LedgerEntry(5, 0.2, 1.0, 1)), saved);
        PrivacyLedger resumed = new PrivacyLedger(1e-5);
        LedgerCheckpoints.restore(resumed, saved);
        assertEquals(run.spent(), resumed.spent());
        assertEquals(run.rounds(), resumed.rounds());
    }

    @Test
    void restoringIntoAUsedLedgerOrAMultiStepEntryIsRefused() {
        PrivacyLedger used = new PrivacyLedger(1e-5);
        used.recordRound(1, 0.2, 1.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LedgerCheckpoints.restore(used, List.of(new LedgerEntry(1, 0.2, 1.0, 1))));
        assertTrue(e.getMessage().contains("already holds 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> LedgerCheckpoints.restore(new PrivacyLedger(1e-5),
                List.of(new LedgerEntry(3, 0.2, 1.0, 7))));
        assertTrue(e.getMessage().contains("round 3 has 7 steps"), e.getMessage());
    }
}
