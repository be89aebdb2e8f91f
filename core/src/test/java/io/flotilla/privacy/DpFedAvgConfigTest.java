package io.flotilla.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DpFedAvgConfigTest {

    @Test
    void samplingRateIsCohortOverPopulation() {
        DpFedAvgConfig c = new DpFedAvgConfig(1.0, 0.5, 20, 100, 1e-5, 3.0);
        assertEquals(0.2, c.samplingRate(), 1e-15);
        assertTrue(c.hasBudget());
        assertFalse(DpFedAvgConfig.withoutBudget(1.0, 0.5, 20, 100, 1e-5).hasBudget());
    }

    @Test
    void invalidSettingsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new DpFedAvgConfig(0, 1, 20, 100, 1e-5, 1));
        assertThrows(IllegalArgumentException.class, () -> new DpFedAvgConfig(1, 0, 20, 100, 1e-5, 1));
        assertThrows(IllegalArgumentException.class, () -> new DpFedAvgConfig(1, 1, 0, 100, 1e-5, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DpFedAvgConfig(1, 1, 200, 100, 1e-5, 1));
        assertTrue(e.getMessage().contains("200") && e.getMessage().contains("100"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new DpFedAvgConfig(1, 1, 20, 100, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new DpFedAvgConfig(1, 1, 20, 100, 1e-5, 0));
        assertThrows(IllegalArgumentException.class, () -> new DpFedAvgConfig(1, 1, 20, 100, 1e-5, Double.NaN));
    }
}
