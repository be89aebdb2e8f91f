package io.flotilla.nn.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
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

    @Test
    void withoutTheModuleTheScalarKernelRunsAndTheVectorClassIsNeverLoaded() throws Exception {
        String classpath = location(Gemm.class) + File.pathSeparator + location(GemmKernelsTest.class)
                + File.pathSeparator + location(Test.class) + File.pathSeparator
                + location(org.opentest4j.AssertionFailedError.class) + File.pathSeparator
                + location(org.junit.platform.commons.util.StringUtils.class);
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:class+load=info", "-cp", classpath, ScalarFallbackProbe.class.getName())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), "probe JVM did not finish");
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("kernel=scalar-4x4 matches=true"), out);
        assertTrue(out.contains("io.flotilla.nn.kernel.ScalarGemmKernel"), "class loading is logged");
        assertTrue(!out.contains("VectorGemmKernel") && !out.contains("jdk.incubator.vector"), out);
    }

    private static String location(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
