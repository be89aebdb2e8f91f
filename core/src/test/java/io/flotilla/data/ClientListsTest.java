package io.flotilla.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ClientListsTest {

    private static int[] sorted(int[] a) {
        int[] c = a.clone();
        Arrays.sort(c);
        return c;
    }

    @Test
    void addSplitGivesEachClientItsRangeAndTheLastClientTheRest() {
        ClientLists lists = new ClientLists(3, 2);
        lists.addSplit(new int[] {10, 11, 12, 13, 14, 15, 16}, new int[] {2, 5});
        int[][] out = lists.toShuffledArrays(new SplittableRandom(1));
        assertArrayEquals(new int[] {10, 11}, sorted(out[0]));
        assertArrayEquals(new int[] {12, 13, 14}, sorted(out[1]));
        assertArrayEquals(new int[] {15, 16}, sorted(out[2]));
    }

    @Test
    void addSplitTurnsADescendingCutIntoAnEmptyPartNotAnOverlap() {
        ClientLists lists = new ClientLists(3, 2);
        lists.addSplit(new int[] {0, 1, 2, 3}, new int[] {3, 1});
        assertEquals(3, lists.size(0));
        assertEquals(0, lists.size(1));
        assertEquals(1, lists.size(2));
    }
}
