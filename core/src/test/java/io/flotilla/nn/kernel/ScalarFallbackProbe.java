package io.flotilla.nn.kernel;

import java.util.Random;

/**
 * Run by {@link GemmKernelsTest} in a child JVM started without {@code jdk.incubator.vector}: prints the kernel
 * chosen and whether a small and a multi-threaded GEMM match the reference.
 */
public final class ScalarFallbackProbe {
    private ScalarFallbackProbe() {
    }

    public static void main(String[] args) {
        Random rnd = new Random(1);
        boolean ok = true;
        for (int size : new int[] {37, 150}) {
            GemmCase t = new GemmCase(rnd, true, false, size, size + 3, size - 1, true, true);
            Gemm.sgemm(t.transA, t.transB, t.m, t.n, t.k, t.a, t.aOff, t.lda, t.b, t.bOff, t.ldb,
                    t.c, t.cOff, t.ldc, t.accumulate);
            try {
                t.assertMatchesReference("fallback");
            } catch (AssertionError e) {
                ok = false;
                System.out.println(e.getMessage());
            }
        }
        System.out.println("kernel=" + Gemm.kernelName() + " matches=" + ok);
    }
}
