package io.flotilla.pruning.compression;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DecodedDeltaTest {

    @Test
    void aSparseDeltaDensifiesToItsEntriesAndZeros() {
        DecodedDelta d = DecodedDelta.sparse(5, new int[] {1, 4, 9}, new float[] {2f, -1f, 7f}, 2);
        assertTrue(d.isSparse());
        assertEquals(5, d.size());
        assertEquals(2, d.count());
        assertArrayEquals(new float[] {0f, 2f, 0f, 0f, -1f}, d.toDense());
        assertEquals(-1, d.firstNonFinite());
    }

    @Test
    void aDenseDeltaIsItsOwnArray() {
        float[] v = {1f, Float.NaN, 3f};
        DecodedDelta d = DecodedDelta.dense(v);
        assertFalse(d.isSparse());
        assertSame(v, d.toDense());
        assertEquals(3, d.count());
        assertEquals(1, d.firstNonFinite());
    }

    @Test
    void onlyStoredEntriesAreCheckedForFiniteness() {
        DecodedDelta d = DecodedDelta.sparse(4, new int[] {0, 2}, new float[] {1f, Float.POSITIVE_INFINITY}, 2);
        assertEquals(1, d.firstNonFinite());
        assertEquals(-1, DecodedDelta.sparse(4, new int[] {0, 2}, new float[] {1f, Float.NaN}, 1).firstNonFinite());
    }

    @Test
    void inconsistentShapesAreRefusedWithTheSizes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DecodedDelta.sparse(2, new int[] {0, 1, 2}, new float[] {1f, 1f, 1f}, 3));
        assertTrue(e.getMessage().contains("size 2") && e.getMessage().contains("3 entries"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DecodedDelta.sparse(4, new int[] {0}, new float[2], 2));
        assertThrows(IllegalArgumentException.class, () -> DecodedDelta.dense(new float[0]));
    }
}
