package io.flotilla.simulation.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FaultPlanTest {
    @Test
    void decisionsAreSeededAndIndependentOfQueryOrder() {
        FaultPlan a = new FaultPlan(7, 0.3, 0.1, 0.5, 0.2, 10, 20);
        FaultPlan b = new FaultPlan(7, 0.3, 0.1, 0.5, 0.2, 10, 20);
        for (int c = 99; c >= 0; c--) {
            b.dropsBeforeAnswering(c, 3);
        }
        for (int c = 0; c < 100; c++) {
            assertEquals(a.dropsBeforeAnswering(c, 3), b.dropsBeforeAnswering(c, 3));
            assertEquals(a.slowdown(c), b.slowdown(c));
            assertEquals(a.isMalicious(c), b.isMalicious(c));
        }
        FaultPlan other = new FaultPlan(8, 0.3, 0.1, 0.5, 0.2, 10, 20);
        int differ = 0;
        for (int c = 0; c < 100; c++) {
            if (a.dropsBeforeAnswering(c, 3) != other.dropsBeforeAnswering(c, 3)) {
                differ++;
            }
        }
        assertNotEquals(0, differ);
    }

    @Test
    void ratesMatchTheConfiguredProbabilities() {
        FaultPlan plan = new FaultPlan(1, 0.3, 0.0, 0.0, 0.25, 0, 0);
        int drops = 0;
        int malicious = 0;
        int n = 20_000;
        for (int c = 0; c < n; c++) {
            drops += plan.dropsBeforeAnswering(c, 1) ? 1 : 0;
            malicious += plan.isMalicious(c) ? 1 : 0;
        }
        assertEquals(0.3, drops / (double) n, 0.015);
        assertEquals(0.25, malicious / (double) n, 0.015);
    }

    @Test
    void stragglerSlowdownIsLogNormal() {
        FaultPlan plan = new FaultPlan(3, 0, 0, 0.5, 0, 0, 0);
        int n = 20_000;
        double sumLog = 0;
        double sumSq = 0;
        for (int c = 0; c < n; c++) {
            double l = Math.log(plan.slowdown(c));
            sumLog += l;
            sumSq += l * l;
        }
        double mean = sumLog / n;
        assertEquals(0.0, mean, 0.02);
        assertEquals(0.25, sumSq / n - mean * mean, 0.02);
        assertEquals(1.0, FaultPlan.none(3).slowdown(5));
    }

    @Test
    void transferTimeAddsLatencyToSizeOverBandwidth() {
        FaultPlan plan = new FaultPlan(1, 0, 0, 0, 0, 8, 50);
        assertEquals(0.05 + 1.0, plan.transferSeconds(1_000_000), 1e-12);
        assertEquals(0.0, FaultPlan.none(1).transferSeconds(1_000_000));
    }

    @Test
    void crashesAreSeededPerClientAndRoundAtTheConfiguredRate() {
        FaultPlan plan = new FaultPlan(4, 0, 0, 0, 0, 0, 0, 0.2);
        FaultPlan again = new FaultPlan(4, 0, 0, 0, 0, 0, 0, 0.2);
        int crashes = 0;
        int n = 20_000;
        for (int c = 0; c < n; c++) {
            crashes += plan.crashes(c, 5) ? 1 : 0;
            assertEquals(plan.crashes(c, 5), again.crashes(c, 5));
        }
        assertEquals(0.2, crashes / (double) n, 0.015);
        int differ = 0;
        for (int r = 1; r <= 200; r++) {
            differ += plan.crashes(7, r) != plan.crashes(7, r + 1) ? 1 : 0;
        }
        assertTrue(differ > 0, "fates vary with the round");
        for (int r = 1; r <= 200; r++) {
            assertTrue(!new FaultPlan(4, 0.5, 0.5, 0, 0, 0, 0).crashes(7, r), "no crashes unless configured");
        }
    }

    @Test
    void invalidRatesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new FaultPlan(1, 0, 0, 0, 0, 0, 0, 1.0));
        assertThrows(IllegalArgumentException.class, () -> new FaultPlan(1, 0, 0, 0, 0, 0, 0, -0.1));
        assertThrows(IllegalArgumentException.class, () -> new FaultPlan(1, 1.0, 0, 0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new FaultPlan(1, 0, 0, -1, 0, 0, 0));
    }
}
