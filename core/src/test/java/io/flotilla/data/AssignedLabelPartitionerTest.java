package io.flotilla.data;

import static io.flotilla.data.PartitionChecks.assertDisjointAndComplete;
import static io.flotilla.data.PartitionChecks.fashionLabels;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AssignedLabelPartitionerTest {
    private final Dataset data = fashionLabels();

    @Test
    void eachClientHoldsItsLabelsAndEachLabelIsSplitEvenlyAmongItsHolders() {
        // Flower's niid_bench #C=2 draw with seed 42: labels 1, 3 and 9 have a single holder.
        int[][] sets = {{0, 7}, {1, 6}, {2, 4}, {3, 4}, {4, 8}, {0, 5}, {2, 6}, {0, 7}, {5, 8}, {7, 9}};
        Partition p = AssignedLabelPartitioner.ofLabelSets(sets).split(data, 10, 5);
        assertDisjointAndComplete(p, 10_000);
        int[] perLabel = new int[10];
        for (int[] set : sets) {
            for (int label : set) {
                perLabel[label]++;
            }
        }
        for (int c = 0; c < sets.length; c++) {
            int[] histogram = p.labelHistogram(data, c);
            int[] expected = new int[10];
            for (int label : sets[c]) {
                expected[label] = histogram[label];
                // 1,000 examples per label in the test split, cut into equal parts (the first parts one larger)
                int share = 1000 / perLabel[label];
                assertTrue(histogram[label] == share || histogram[label] == share + 1,
                        "client " + c + " label " + label + ": " + histogram[label]);
            }
            assertArrayEquals(expected, histogram, "client " + c + " holds only its labels");
        }
        assertEquals(p, AssignedLabelPartitioner.ofLabelSets(sets).split(data, 10, 5));
    }

    @Test
    void labelsNobodyHoldsStayUnassigned() {
        Partition p = AssignedLabelPartitioner.ofLabelSets(new int[][] {{0}, {0, 1}}).split(data, 2, 1);
        assertEquals(8000, p.unassigned());
        assertEquals(500, p.size(0));
        assertEquals(1500, p.size(1));
    }

    @Test
    void badSetsAreRefusedWithTheClientNamed() {
        assertTrue(message(() -> AssignedLabelPartitioner.ofLabelSets(new int[][] {{0, 0}})).contains("client 0"));
        assertTrue(message(() -> AssignedLabelPartitioner.ofLabelSets(new int[][] {{1}, {}})).contains("client 1"));
        assertTrue(message(() -> AssignedLabelPartitioner.ofLabelSets(new int[][] {{-1}})).contains("non-negative"));
        assertTrue(message(() -> AssignedLabelPartitioner.ofLabelSets(new int[][] {{1}, {12}}).split(data, 2, 1))
                .contains("client 1 is given label 12, the data has 10 classes"));
        assertTrue(message(() -> AssignedLabelPartitioner.ofLabelSets(new int[][] {{1}, {2}}).split(data, 3, 1))
                .contains("given for 2 clients, the federation has 3"));
    }

    private static String message(org.junit.jupiter.api.function.Executable e) {
        return assertThrows(IllegalArgumentException.class, e).getMessage();
    }

    @Test
    void countsGiveEachClientExactlyThatManyExamplesOfEachLabel() {
        int[][] counts = new int[3][10];
        counts[0][0] = 1000;
        counts[1][1] = 400;
        counts[1][2] = 7;
        counts[2][1] = 600;
        counts[2][9] = 1;
        Partition p = AssignedLabelPartitioner.ofCounts(counts).split(data, 3, 2);
        for (int c = 0; c < 3; c++) {
            assertArrayEquals(counts[c], p.labelHistogram(data, c), "client " + c);
        }
        assertEquals(10_000 - 2008, p.unassigned());
        assertEquals(p, AssignedLabelPartitioner.ofCounts(counts).split(data, 3, 2));
    }

    @Test
    void badCountsAreRefused() {
        assertTrue(message(() -> AssignedLabelPartitioner.ofCounts(new int[][] {{1, 2}, {3}})).contains("client 1"));
        assertTrue(message(() -> AssignedLabelPartitioner.ofCounts(new int[][] {{1, -2}})).contains("negative"));
        assertTrue(message(() -> AssignedLabelPartitioner.ofCounts(new int[][] {{1, 2}}).split(data, 1, 1))
                .contains("name 2 classes, the data has 10"));
        int[][] tooMany = new int[2][10];
        tooMany[0][3] = 600;
        tooMany[1][3] = 401;
        assertTrue(message(() -> AssignedLabelPartitioner.ofCounts(tooMany).split(data, 2, 1))
                .contains("1001 examples of label 3, the data has 1000"));
    }
}
