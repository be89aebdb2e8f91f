package io.flotilla.aggregation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BufferedUpdatesTest {

    @Test
    void keepsEveryDeltaAndWeightInArrivalOrder() {
        BufferedUpdates b = new BufferedUpdates(2, 3);
        float[] first = {1, 2};
        b.add(first, 5);
        b.add(new float[] {3, 4}, 7);
        assertEquals(2, b.count());
        assertEquals(12, b.totalWeight());
        assertSame(first, b.deltas()[0]);
        assertEquals(7, b.weights()[1]);
    }

    @Test
    void refusesMoreThanItsCapacityWithAClearMessage() {
        BufferedUpdates b = new BufferedUpdates(1, 2);
        b.add(new float[1], 1);
        b.add(new float[1], 1);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> b.add(new float[1], 1));
        assertTrue(e.getMessage().contains("maxBufferedUpdates") && e.getMessage().contains("2"), e.getMessage());
    }

    @Test
    void refusesWrongLengthAndNonPositiveWeight() {
        BufferedUpdates b = new BufferedUpdates(2, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.add(new float[3], 1));
        assertTrue(e.getMessage().contains("3") && e.getMessage().contains("2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> b.add(new float[2], -1));
        assertThrows(IllegalArgumentException.class, () -> new BufferedUpdates(2, 0));
    }
}
