package io.flotilla.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LedgerEntryTest {

    private static String error(int round, double q, double z, int steps) {
        return assertThrows(IllegalArgumentException.class, () -> new LedgerEntry(round, q, z, steps)).getMessage();
    }

    @Test
    void validEntriesKeepTheirValuesAndBadOnesSayWhy() {
        LedgerEntry e = new LedgerEntry(4, 0.25, 1.5, 30);
        assertEquals(0.25, e.samplingRate());
        assertEquals(30, e.steps());
        assertEquals(new LedgerEntry(1, 0, 0, 1), new LedgerEntry(1, 0, 0, 1), "q = 0 and z = 0 are representable");
        assertEquals("ledger round must be >= 1, got 0", error(0, 0.1, 1, 1));
        assertEquals("ledger sampling rate must be in [0, 1], got 1.5", error(1, 1.5, 1, 1));
        assertTrue(error(1, Double.NaN, 1, 1).contains("NaN"));
        assertEquals("ledger noise multiplier must be finite and >= 0, got -1.0", error(1, 0.1, -1, 1));
        assertTrue(error(1, 0.1, Double.POSITIVE_INFINITY, 1).contains("Infinity"));
        assertEquals("ledger steps must be >= 1, got 0", error(1, 0.1, 1, 0));
    }
}
