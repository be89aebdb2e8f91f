package io.flotilla.nn.kernel;

/**
 * Chooses the micro-kernel once per JVM: the Vector API kernel when {@code jdk.incubator.vector} is in the
 * boot layer (the launcher and the tests pass {@code --add-modules jdk.incubator.vector}), else the scalar one.
 */
final class GemmKernels {
    private static final String VECTOR_MODULE = "jdk.incubator.vector";
    private static final String VECTOR_KERNEL = "io.flotilla.nn.kernel.VectorGemmKernel";
    private static final GemmKernel SCALAR = new ScalarGemmKernel();
    private static final GemmKernel BEST = select();

    private GemmKernels() {
    }

    /** The fastest kernel this JVM can run. */
    static GemmKernel best() {
        return BEST;
    }

    /** The portable kernel, always available. */
    static GemmKernel scalar() {
        return SCALAR;
    }

    /** Whether the Vector API kernel is in use. */
    static boolean vectorAvailable() {
        return BEST != SCALAR;
    }

    private static GemmKernel select() {
        if (ModuleLayer.boot().findModule(VECTOR_MODULE).isEmpty()) {
            return SCALAR;
        }
        // Named by string so that the class, which links against the incubator module, is only loaded here.
        try {
            return (GemmKernel) Class.forName(VECTOR_KERNEL).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            return SCALAR;
        }
    }
}
