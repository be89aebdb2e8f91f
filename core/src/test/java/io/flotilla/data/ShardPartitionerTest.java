package io.flotilla.data;

import static io.flotilla.data.PartitionChecks.assertDisjointAndComplete;
import static io.flotilla.data.PartitionChecks.distinctLabels;
import static io.flotilla.data.PartitionChecks.fashionLabels;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ShardPartitionerTest {
    private final Dataset data = fashionLabels();

    @Test
    void twoShardsPerClientGiveAtMostTwoLabels() {
        // 100 clients, 200 shards of 50: every class has 1,000 examples, so each shard holds one label.
        Partition p = new ShardPartitioner().split(data, 100, 5);
        assertDisjointAndComplete(p, 10_000);
        int twoLabels = 0;
        for (int c = 0; c < 100; c++) {
            assertEquals(100, p.size(c));
            int k = distinctLabels(p, data, c);
            assertTrue(k == 1 || k == 2, "client " + c + " has " + k + " labels");
            if (k == 2) {
                twoLabels++;
            }
        }
        assertTrue(twoLabels > 80, twoLabels + " clients with two labels");
    }

    @Test
    void generalisesToMoreShardsPerClient() {
        Partition p = new ShardPartitioner(5).split(data, 20, 5);
        assertDisjointAndComplete(p, 10_000);
        for (int c = 0; c < 20; c++) {
            assertTrue(distinctLabels(p, data, c) <= 5);
        }
    }

    @Test
    void unevenSizesStillCoverEveryExample() {
        Partition p = new ShardPartitioner(3).split(data.slice(0, 997), 7, 5);
        assertDisjointAndComplete(p, 997);
    }

    @Test
    void isSeeded() {
        ShardPartitioner s = new ShardPartitioner();
        assertEquals(s.split(data, 10, 1), s.split(data, 10, 1));
        assertNotEquals(s.split(data, 10, 1), s.split(data, 10, 2));
    }

    @Test
    void rejectsMoreShardsThanExamples() {
        String m = assertThrows(IllegalArgumentException.class,
                () -> new ShardPartitioner(3).split(data.slice(0, 20), 7, 1)).getMessage();
        assertTrue(m.contains("20 examples") && m.contains("21 shards"), m);
        assertThrows(IllegalArgumentException.class, () -> new ShardPartitioner(0));
    }
}
