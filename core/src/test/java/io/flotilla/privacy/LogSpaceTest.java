package io.flotilla.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LogSpaceTest {

    @Test
    void addMatchesDirectSumAndHandlesZero() {
        assertEquals(Math.log(5.0), LogSpace.add(Math.log(2.0), Math.log(3.0)), 1e-15);
        assertEquals(1.5, LogSpace.add(Double.NEGATIVE_INFINITY, 1.5));
        assertEquals(1.5, LogSpace.add(1.5, Double.NEGATIVE_INFINITY));
    }

    @Test
    void addDoesNotOverflowWhereExpWould() {
        assertEquals(1000 + Math.log(2), LogSpace.add(1000, 1000), 1e-12);
        assertEquals(-1000 + Math.log(2), LogSpace.add(-1000, -1000), 1e-12);
    }

    @Test
    void subMatchesDirectDifference() {
        assertEquals(Math.log(2.0), LogSpace.sub(Math.log(5.0), Math.log(3.0)), 1e-15);
        assertEquals(Double.NEGATIVE_INFINITY, LogSpace.sub(2.0, 2.0));
        assertEquals(2.0, LogSpace.sub(2.0, Double.NEGATIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> LogSpace.sub(1.0, 2.0));
    }
}
