package io.flotilla.data;

import static io.flotilla.data.PartitionChecks.assertDisjointAndComplete;
import static io.flotilla.data.PartitionChecks.fashionLabels;
import static io.flotilla.data.PartitionChecks.meanTotalVariation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IidPartitionerTest {
    private final Dataset data = fashionLabels();

    @Test
    void isDisjointCompleteAndBalanced() {
        Partition p = new IidPartitioner().split(data, 7, 1);
        assertDisjointAndComplete(p, 10_000);
        for (int c = 0; c < 7; c++) {
            assertTrue(p.size(c) == 1428 || p.size(c) == 1429, "client " + c + ": " + p.size(c));
        }
    }

    @Test
    void sameSeedSameSplitDifferentSeedDifferentSplit() {
        IidPartitioner iid = new IidPartitioner();
        assertEquals(iid.split(data, 10, 42), iid.split(data, 10, 42));
        assertNotEquals(iid.split(data, 10, 42), iid.split(data, 10, 43));
    }

    @Test
    void clientsSeeTheGlobalLabelDistribution() {
        double tv = meanTotalVariation(new IidPartitioner().split(data, 10, 3), data);
        assertTrue(tv < 0.05, "mean total variation " + tv);
    }

    @Test
    void rejectsMoreClientsThanExamplesAndNoClients() {
        Dataset tiny = data.slice(0, 5);
        String m = assertThrows(IllegalArgumentException.class, () -> new IidPartitioner().split(tiny, 6, 1))
                .getMessage();
        assertTrue(m.contains("5 examples") && m.contains("6 clients"), m);
        assertThrows(IllegalArgumentException.class, () -> new IidPartitioner().split(tiny, 0, 1));
    }

    @Test
    void oneExamplePerClientIsAllowed() {
        Partition p = new IidPartitioner().split(data.slice(0, 5), 5, 9);
        assertDisjointAndComplete(p, 5);
    }
}
