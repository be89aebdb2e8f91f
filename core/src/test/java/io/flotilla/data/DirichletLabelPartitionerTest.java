package io.flotilla.data;

import static io.flotilla.data.PartitionChecks.assertDisjointAndComplete;
import static io.flotilla.data.PartitionChecks.fashionLabels;
import static io.flotilla.data.PartitionChecks.meanTotalVariation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DirichletLabelPartitionerTest {
    private final Dataset data = fashionLabels();

    @Test
    void isDisjointCompleteAndRespectsTheMinimumSize() {
        Partition p = new DirichletLabelPartitioner(0.5).split(data, 20, 1);
        assertDisjointAndComplete(p, 10_000);
        for (int c = 0; c < 20; c++) {
            assertTrue(p.size(c) >= 10, "client " + c + ": " + p.size(c));
        }
        assertTrue(p.description().contains("alpha=0.5"), p.description());
    }

    @Test
    void largeAlphaIsCloseToIidAndSmallAlphaIsSkewed() {
        double iidLike = meanTotalVariation(new DirichletLabelPartitioner(1000).split(data, 10, 4), data);
        double skewed = meanTotalVariation(new DirichletLabelPartitioner(0.1).split(data, 10, 4), data);
        double middle = meanTotalVariation(new DirichletLabelPartitioner(1).split(data, 10, 4), data);
        assertTrue(iidLike < 0.05, "alpha 1000: mean total variation " + iidLike);
        assertTrue(skewed > 0.5, "alpha 0.1: mean total variation " + skewed);
        assertTrue(iidLike < middle && middle < skewed, iidLike + " < " + middle + " < " + skewed);
    }

    @Test
    void isSeeded() {
        DirichletLabelPartitioner d = new DirichletLabelPartitioner(0.5);
        assertEquals(d.split(data, 10, 1), d.split(data, 10, 1));
        assertNotEquals(d.split(data, 10, 1), d.split(data, 10, 2));
    }

    @Test
    void manyClientsWithTinyAlphaAreRepairedToTheMinimum() {
        // 1,000 clients over 10,000 examples: the default minimum is half the mean, 5, which random draws
        // with alpha 0.1 never meet.
        Partition p = new DirichletLabelPartitioner(0.1).split(data, 1000, 8);
        assertDisjointAndComplete(p, 10_000);
        assertTrue(p.description().contains("min_size=5"), p.description());
        int min = Integer.MAX_VALUE;
        int max = 0;
        for (int c = 0; c < 1000; c++) {
            min = Math.min(min, p.size(c));
            max = Math.max(max, p.size(c));
        }
        assertEquals(5, min);
        assertTrue(max > 10, "largest client " + max);
        assertTrue(meanTotalVariation(p, data) > 0.5);
    }

    @Test
    void rejectsBadAlphaAndInfeasibleMinimum() {
        for (double alpha : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            String m = assertThrows(IllegalArgumentException.class, () -> new DirichletLabelPartitioner(alpha))
                    .getMessage();
            assertTrue(m.contains("alpha") && m.contains(String.valueOf(alpha)), m);
        }
        String m = assertThrows(IllegalArgumentException.class,
                () -> new DirichletLabelPartitioner(0.5, 200).split(data, 100, 1)).getMessage();
        assertTrue(m.contains("100 clients") && m.contains("200") && m.contains("10000"), m);
        assertThrows(IllegalArgumentException.class, () -> new DirichletLabelPartitioner(0.5).split(data, 10_001, 1));
        assertThrows(IllegalArgumentException.class, () -> new DirichletLabelPartitioner(0.5, -2));
    }
}
