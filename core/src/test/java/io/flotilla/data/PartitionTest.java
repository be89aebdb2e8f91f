package io.flotilla.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PartitionTest {
    private final Dataset data = Dataset.of(new float[] {0, 1, 2, 3, 4, 5}, new int[] {0, 1, 1, 2, 0, 2},
            new int[] {1}, 3);

    @Test
    void viewsSelectTheClientsExamplesWithoutCopyingLabelsWrongly() {
        Partition p = Partition.of(new int[][] {{4, 0}, {1, 2, 3}, {5}}, 6, "hand");
        List<Dataset> views = p.views(data);
        assertEquals(3, views.size());
        assertArrayEquals(new int[] {0, 0}, views.get(0).labels());
        float[] x = new float[1];
        views.get(0).copyExample(0, x, 0);
        assertEquals(4f, x[0]);
        assertArrayEquals(new int[] {0, 2, 1}, p.labelHistogram(data, 1));
        assertEquals(0, p.unassigned());
    }

    @Test
    void summaryIsATableOfSizesAndLabelHistograms() {
        Partition p = Partition.of(new int[][] {{4, 0}, {1, 2, 3}}, 6, "hand");
        String expected = "hand: 2 clients, 6 examples (1 unassigned)\n"
                + " client examples labels    y=0    y=1    y=2\n"
                + "      0        2      1      2      0      0\n"
                + "      1        3      2      0      2      1\n"
                + "  total        5             2      2      1\n"
                + "client size: min 2, mean 2.5, max 3\n";
        assertEquals(expected, p.summary(data).replace(System.lineSeparator(), "\n"));
    }

    @Test
    void indicesAreCopiedInAndOut() {
        int[] a = {0, 1};
        Partition p = Partition.of(new int[][] {a}, 6, "hand");
        a[0] = 5;
        p.indices(0)[1] = 4;
        assertArrayEquals(new int[] {0, 1}, p.indices(0));
    }

    @Test
    void rejectsOverlapOutOfRangeAndWrongDataset() {
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Partition.of(new int[][] {{0, 1}, {1}}, 6, "x")).getMessage().contains("index 1 held twice"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Partition.of(new int[][] {{6}}, 6, "x")).getMessage().contains("index 6 outside [0, 6)"));
        assertThrows(IllegalArgumentException.class, () -> Partition.of(new int[][] {{-1}}, 6, "x"));
        assertThrows(IllegalArgumentException.class, () -> Partition.of(new int[0][], 6, "x"));
        Partition p = Partition.of(new int[][] {{0}}, 5, "x");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> p.views(data)).getMessage()
                .contains("partition of 5 examples applied to a dataset of 6"));
    }
}
