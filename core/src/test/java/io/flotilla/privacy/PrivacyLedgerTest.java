package io.flotilla.privacy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PrivacyLedgerTest {

    @Test
    void eachRoundReportsTheCumulativeEpsilon() {
        PrivacyLedger ledger = new PrivacyLedger(1e-5);
        RdpAccountant reference = new RdpAccountant();
        double previous = 0;
        for (int round = 1; round <= 5; round++) {
            RoundPrivacy r = ledger.recordRound(round, 0.2, 1.0);
            reference.composePoissonGaussian(0.2, 1.0, 1);
            assertEquals(reference.epsilon(1e-5).epsilon(), r.epsilon(), 0.0);
            assertTrue(r.epsilon() > previous);
            previous = r.epsilon();
        }
        assertEquals(5, ledger.rounds().size());
        assertEquals(previous, ledger.spent().epsilon(), 0.0);
    }

    @Test
    void nextRoundWouldExceedFlipsExactlyBeforeTheBudgetIsCrossed() {
        PrivacyLedger ledger = new PrivacyLedger(1e-5);
        RdpAccountant reference = new RdpAccountant();
        double target = 6.0;
        int round = 0;
        while (!ledger.nextRoundWouldExceed(target, 0.2, 1.0)) {
            ledger.recordRound(++round, 0.2, 1.0);
            reference.composePoissonGaussian(0.2, 1.0, 1);
        }
        assertTrue(ledger.spent().epsilon() <= target);
        assertTrue(reference.composePoissonGaussian(0.2, 1.0, 1).epsilon(1e-5).epsilon() > target);
        assertTrue(round > 1, "rounds " + round);
    }

    @Test
    void replayRebuildsTheSameLedger() {
        PrivacyLedger ledger = new PrivacyLedger(1e-6, new double[] {2, 8, 32});
        ledger.recordRound(1, 0.1, 1.0);
        ledger.recordRound(3, 0.2, 0.7);
        List<RoundPrivacy> rounds = ledger.rounds();
        PrivacyLedger again = PrivacyLedger.replay(1e-6, ledger.orders(), rounds);
        assertEquals(rounds, again.rounds());
        assertEquals(ledger.spent(), again.spent());
        assertArrayEquals(new double[] {2, 8, 32}, again.orders());
    }

    @Test
    void roundsMustIncreaseAndArgumentsBeValid() {
        PrivacyLedger ledger = new PrivacyLedger(1e-5);
        ledger.recordRound(2, 0.1, 1.0);
        assertThrows(IllegalArgumentException.class, () -> ledger.recordRound(2, 0.1, 1.0));
        assertThrows(IllegalArgumentException.class, () -> ledger.recordRound(3, 1.5, 1.0));
        assertThrows(IllegalArgumentException.class, () -> new PrivacyLedger(0));
        assertThrows(IllegalArgumentException.class, () -> ledger.nextRoundWouldExceed(0, 0.1, 1));
        assertFalse(ledger.nextRoundWouldExceed(1e9, 0.1, 1));
    }
}
