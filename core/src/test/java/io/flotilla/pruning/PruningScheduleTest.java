package io.flotilla.pruning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PruningScheduleTest {

    @Test
    void oneShotPrunesAtItsRoundAndHoldsAfterwards() {
        PruningSchedule s = new PruningSchedule.OneShot(3, 0.6f);
        assertEquals(0f, s.targetAt(2));
        assertEquals(0.6f, s.targetAt(3));
        assertEquals(0.6f, s.targetAt(10));
        assertTrue(s.isStep(3));
        assertFalse(s.isStep(4));
    }

    @Test
    void gradualFollowsTheCubicOfZhuAndGupta() {
        PruningSchedule s = new PruningSchedule.Gradual(0f, 0.8f, 1, 5, 1);
        // s_t = 0.8 - 0.8 (1 - (t - 1) / 4)^3
        assertEquals(0f, s.targetAt(1), 1e-7);
        assertEquals(0.8 - 0.8 * 0.421875, s.targetAt(2), 1e-6);
        assertEquals(0.8 - 0.8 * 0.125, s.targetAt(3), 1e-6);
        assertEquals(0.8 - 0.8 / 64, s.targetAt(4), 1e-6);
        assertEquals(0.8f, s.targetAt(5));
        assertEquals(0.8f, s.targetAt(50));
    }

    @Test
    void frequencyHoldsTheTargetBetweenStepsAndTheEndIsAlwaysAStep() {
        PruningSchedule s = new PruningSchedule.Gradual(0.1f, 0.5f, 2, 7, 2);
        assertEquals(0f, s.targetAt(1));
        assertEquals(0.1f, s.targetAt(2), 1e-7);
        assertEquals(0.1f, s.targetAt(3), 1e-7);
        // step 4: 0.5 - 0.4 (1 - 2/5)^3
        assertEquals(0.5 - 0.4 * 0.216, s.targetAt(5), 1e-6);
        assertTrue(s.isStep(2) && s.isStep(4) && s.isStep(6) && s.isStep(7));
        assertFalse(s.isStep(3) || s.isStep(8) || s.isStep(1));
        assertEquals(0.5f, s.targetAt(7));
    }

    @Test
    void invalidSchedulesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new PruningSchedule.OneShot(0, 0.5f));
        assertThrows(IllegalArgumentException.class, () -> new PruningSchedule.OneShot(1, 1f));
        assertThrows(IllegalArgumentException.class, () -> new PruningSchedule.Gradual(0.5f, 0.2f, 1, 5, 1));
        assertThrows(IllegalArgumentException.class, () -> new PruningSchedule.Gradual(0f, 0.8f, 5, 4, 1));
        assertThrows(IllegalArgumentException.class, () -> new PruningSchedule.Gradual(0f, 0.8f, 1, 4, 0));
    }
}
