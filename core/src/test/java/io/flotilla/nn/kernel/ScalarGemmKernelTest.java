package io.flotilla.nn.kernel;

import org.junit.jupiter.api.Test;

class ScalarGemmKernelTest {
    @Test
    void computesAnExactTileAndAccumulates() {
        KernelTiles.assertExactTile(new ScalarGemmKernel());
    }
}
