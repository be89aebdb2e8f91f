package io.flotilla.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PartitionerTest {

    @Test
    void namedMapsTheConfigurationVocabulary() {
        assertEquals(new IidPartitioner(), Partitioner.named("iid", 0.5, 2));
        assertEquals(new ShardPartitioner(2), Partitioner.named("shards", 0.5, 2));
        assertEquals(new LabelSkewPartitioner(3), Partitioner.named("labels", 0.5, 3));
        assertEquals(new DirichletLabelPartitioner(0.5), Partitioner.named("dirichlet", 0.5, 2));
        assertEquals(new DirichletQuantityPartitioner(0.1), Partitioner.named("quantity", 0.1, 2));
    }

    @Test
    void namedRejectsUnknownSchemesAndBadParameters() {
        String m = assertThrows(IllegalArgumentException.class, () -> Partitioner.named("dirichelt", 0.5, 2))
                .getMessage();
        assertTrue(m.contains("dirichelt") && m.contains("dirichlet"), m);
        assertThrows(IllegalArgumentException.class, () -> Partitioner.named("dirichlet", 0, 2));
        assertThrows(IllegalArgumentException.class, () -> Partitioner.named("labels", 0.5, 0));
    }
}
