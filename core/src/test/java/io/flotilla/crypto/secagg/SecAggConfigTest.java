package io.flotilla.crypto.secagg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SecAggConfigTest {
    @Test
    void thresholdMustExceedHalfAndNotExceedHolders() {
        assertEquals("threshold 5 must exceed half of the 10 share holders per client (t > m/2), or the server"
                        + " could learn an individual input",
                assertThrows(IllegalArgumentException.class,
                        () -> new SecAggConfig(10, 5, 0, 10, 1, 1, 1, 0.1, 0)).getMessage());
        assertEquals("threshold 11 exceeds the 10 share holders per client", assertThrows(
                IllegalArgumentException.class, () -> new SecAggConfig(10, 11, 0, 10, 1, 1, 1, 0.1, 0)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SecAggConfig(10, 2, 4, 10, 1, 1, 1, 0.1, 0));
        new SecAggConfig(10, 3, 4, 10, 1, 1, 1, 0.1, 0).getClass();
    }

    @Test
    void rangeTimesCohortMustFitTheModulus() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SecAggConfig(100, 60, 0, 10, 1.0, 1000, 65536, 0.1, 0));
        assertTrue(e.getMessage().startsWith("cohort size 100 x max weight 1000 x clip range 1.0 x scale 65536.0"),
                e.getMessage());
    }

    @Test
    void neighboursMustBeEvenAndBelowCohort() {
        assertThrows(IllegalArgumentException.class, () -> new SecAggConfig(10, 3, 3, 10, 1, 1, 1, 0.1, 0));
        assertThrows(IllegalArgumentException.class, () -> new SecAggConfig(10, 6, 10, 10, 1, 1, 1, 0.1, 0));
    }

    @Test
    void finestScaleIsThePowerOfTwoThatStillFits() {
        SecAggConfig c = SecAggConfig.withFinestScale(100, 60, 0, 10, 0.1, 1000, 0.1, 0);
        assertEquals(131072.0, c.scale());
        assertTrue(100 * 1000 * 0.1 * c.scale() < Integer.MAX_VALUE);
        assertTrue(100 * 1000 * 0.1 * c.scale() * 2 >= Integer.MAX_VALUE);
        assertEquals(100 * 0.5 / 131072.0, c.quantisationBound(100));
    }

    @Test
    void theGroupThresholdIsMoreThanHalfTheGroupAndTheConfiguredFractionOfIt() {
        SecAggConfig c = SecAggConfig.withFinestScale(10, 7, 0, 4, 1, 10, 0.1, 1);
        assertEquals(7, c.groupThreshold(10));
        assertEquals(5, c.groupThreshold(6));
        assertEquals(3, c.groupThreshold(3));
        for (int g = SecAggConfig.MIN_GROUP; g <= 10; g++) {
            int t = c.groupThreshold(g);
            assertTrue(2 * t > g && t <= g, "group " + g + ": threshold " + t);
        }
        SecAggConfig plus = SecAggConfig.withFinestScale(40, 13, 24, 4, 1, 10, 0.1, 1);
        assertEquals(13, plus.groupThreshold(30), "SecAgg+: the threshold of the k + 1 graph neighbours");
    }
}
