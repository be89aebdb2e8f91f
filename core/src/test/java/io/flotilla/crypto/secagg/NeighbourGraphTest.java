package io.flotilla.crypto.secagg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NeighbourGraphTest {
    @Test
    void hararyGraphIsSymmetricRegularAndLoopFree() {
        SecAggConfig c = new SecAggConfig(50, 5, 8, 1, 1, 1, 1, 0.1, 42);
        NeighbourGraph g = NeighbourGraph.of(c);
        for (int u = 0; u < 50; u++) {
            int[] p = g.peers(u);
            assertEquals(8, p.length);
            assertFalse(g.adjacent(u, u));
            for (int v : p) {
                assertTrue(g.adjacent(v, u), u + " and " + v);
            }
        }
    }

    @Test
    void completeGraphConnectsEveryone() {
        NeighbourGraph g = NeighbourGraph.of(new SecAggConfig(5, 3, 0, 1, 1, 1, 1, 0.1, 0));
        assertEquals(4, g.peers(2).length);
        assertTrue(g.adjacent(0, 4));
    }
}
