package io.flotilla.nn.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

class VectorGemmKernelTest {
    @Test
    void computesAnExactTileAndAccumulates() {
        KernelTiles.assertExactTile(new VectorGemmKernel());
    }

    @Test
    void tileIsTwoPreferredVectorsWide() {
        VectorGemmKernel kernel = new VectorGemmKernel();
        assertEquals(2 * FloatVector.SPECIES_PREFERRED.length(), kernel.nr());
        assertEquals(VectorGemmKernel.MR, kernel.mr());
    }
}
