package io.flotilla.data;

import static io.flotilla.data.PartitionChecks.assertDisjointAndComplete;
import static io.flotilla.data.PartitionChecks.fashionLabels;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DirichletQuantityPartitionerTest {
    private final Dataset data = fashionLabels();

    private static double coefficientOfVariation(Partition p) {
        double mean = p.datasetSize() / (double) p.numClients();
        double var = 0;
        for (int c = 0; c < p.numClients(); c++) {
            var += (p.size(c) - mean) * (p.size(c) - mean);
        }
        return Math.sqrt(var / p.numClients()) / mean;
    }

    @Test
    void smallAlphaGivesUnequalSizesLargeAlphaEqualOnes() {
        Partition skewed = new DirichletQuantityPartitioner(0.3).split(data, 20, 2);
        Partition even = new DirichletQuantityPartitioner(1000).split(data, 20, 2);
        assertDisjointAndComplete(skewed, 10_000);
        assertDisjointAndComplete(even, 10_000);
        // Dirichlet(a) over n parts has coefficient of variation sqrt((n - 1) / (n a + 1)): 1.5 and 0.03.
        assertTrue(coefficientOfVariation(skewed) > 0.8, "cv " + coefficientOfVariation(skewed));
        assertTrue(coefficientOfVariation(even) < 0.1, "cv " + coefficientOfVariation(even));
        for (int c = 0; c < 20; c++) {
            assertTrue(skewed.size(c) >= 10);
        }
    }

    @Test
    void labelsFollowTheGlobalDistribution() {
        Partition p = new DirichletQuantityPartitioner(0.5).split(data, 5, 3);
        int largest = 0;
        for (int c = 1; c < 5; c++) {
            if (p.size(c) > p.size(largest)) {
                largest = c;
            }
        }
        int[] h = p.labelHistogram(data, largest);
        for (int k = 0; k < 10; k++) {
            double share = h[k] / (double) p.size(largest);
            assertTrue(Math.abs(share - 0.1) < 0.03, "label " + k + " share " + share);
        }
    }

    @Test
    void isSeeded() {
        DirichletQuantityPartitioner q = new DirichletQuantityPartitioner(0.5);
        assertEquals(q.split(data, 10, 1), q.split(data, 10, 1));
        assertNotEquals(q.split(data, 10, 1), q.split(data, 10, 2));
    }

    @Test
    void repairsTheMinimumWithManyClients() {
        Partition p = new DirichletQuantityPartitioner(0.1, 5).split(data, 500, 1);
        assertDisjointAndComplete(p, 10_000);
        for (int c = 0; c < 500; c++) {
            assertTrue(p.size(c) >= 5, "client " + c + ": " + p.size(c));
        }
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> new DirichletQuantityPartitioner(0));
        assertThrows(IllegalArgumentException.class, () -> new DirichletQuantityPartitioner(Double.NaN));
        String m = assertThrows(IllegalArgumentException.class,
                () -> new DirichletQuantityPartitioner(1, 11).split(data, 1000, 1)).getMessage();
        assertTrue(m.contains("1000 clients") && m.contains("11"), m);
    }
}
