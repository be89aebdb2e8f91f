package io.flotilla.data;

import static io.flotilla.data.PartitionChecks.assertDisjointAndComplete;
import static io.flotilla.data.PartitionChecks.distinctLabels;
import static io.flotilla.data.PartitionChecks.fashionLabels;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LabelSkewPartitionerTest {
    private final Dataset data = fashionLabels();

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 10})
    void everyClientHoldsExactlyKLabels(int k) {
        Partition p = new LabelSkewPartitioner(k).split(data, 10, 7);
        assertDisjointAndComplete(p, 10_000);
        for (int c = 0; c < 10; c++) {
            assertEquals(k, distinctLabels(p, data, c), "client " + c);
            assertTrue(p.labelHistogram(data, c)[c % 10] > 0, "client " + c + " holds label " + c % 10);
        }
    }

    @Test
    void manyClientsShareEachLabelEvenly() {
        Partition p = new LabelSkewPartitioner(2).split(data, 50, 3);
        assertDisjointAndComplete(p, 10_000);
        for (int c = 0; c < 50; c++) {
            assertEquals(2, distinctLabels(p, data, c));
        }
    }

    @Test
    void fewerClientsThanClassesLeavesUndrawnLabelsUnassigned() {
        Partition p = new LabelSkewPartitioner(2).split(data, 3, 11);
        int held = 0;
        for (int c = 0; c < 3; c++) {
            assertEquals(2, distinctLabels(p, data, c));
            held += p.size(c);
        }
        // At most 6 of 10 labels are drawn, 1,000 examples each.
        assertTrue(p.unassigned() >= 4000, "unassigned " + p.unassigned());
        assertEquals(10_000, held + p.unassigned());
    }

    @Test
    void isSeeded() {
        LabelSkewPartitioner s = new LabelSkewPartitioner(2);
        assertEquals(s.split(data, 10, 1), s.split(data, 10, 1));
        assertNotEquals(s.split(data, 10, 1), s.split(data, 10, 2));
    }

    @Test
    void rejectsMoreLabelsThanClasses() {
        String m = assertThrows(IllegalArgumentException.class,
                () -> new LabelSkewPartitioner(11).split(data, 10, 1)).getMessage();
        assertTrue(m.contains("11 labels") && m.contains("10 classes"), m);
        assertThrows(IllegalArgumentException.class, () -> new LabelSkewPartitioner(0));
    }
}
