package io.flotilla.nn.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GemmKernelsTest {
    @Test
    void picksTheVectorKernelWhenTheIncubatorModuleIsInTheBootLayer() {
        assertTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(),
                "tests run with --add-modules jdk.incubator.vector");
        assertTrue(GemmKernels.vectorAvailable());
        assertEquals("io.flotilla.nn.kernel.VectorGemmKernel", GemmKernels.best().getClass().getName());
    }

    @Test
    void theScalarKernelIsAlwaysAvailable() {
        assertInstanceOf(ScalarGemmKernel.class, GemmKernels.scalar());
        assertEquals("scalar-4x4", GemmKernels.scalar().name());
    }
}
