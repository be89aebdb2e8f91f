package io.flotilla.nn.kernel;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Random;

/**
 * Not a test: a command-line probe for benchmarks/kernels.md that measures the single-threaded blocked GEMM in
 * GFLOP per second of this thread's CPU time, which stays meaningful on a machine shared with other jobs.
 * Run: {@code java --add-modules jdk.incubator.vector -cp core/target/classes:core/target/test-classes
 * io.flotilla.nn.kernel.SingleThreadGemmProbe [sizes...]}.
 */
public final class SingleThreadGemmProbe {
    private SingleThreadGemmProbe() {
    }

    public static void main(String[] args) {
        int[] sizes = args.length == 0 ? new int[] {512, 1024} : new int[args.length];
        for (int i = 0; i < args.length; i++) {
            sizes[i] = Integer.parseInt(args[i]);
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        GemmKernel kernel = GemmKernels.best();
        warmUp(kernel);
        System.out.println("kernel " + kernel.name() + ", one thread, GFLOP per CPU-second");
        for (int n : sizes) {
            Random rnd = new Random(n);
            float[] a = new float[n * n];
            float[] b = new float[n * n];
            float[] c = new float[n * n];
            for (int i = 0; i < a.length; i++) {
                a[i] = rnd.nextFloat();
                b[i] = rnd.nextFloat();
            }
            double flop = 2.0 * n * n * n;
            int calls = Math.max(1, (int) (2e9 / flop));
            double[] rates = new double[10];
            for (int round = 0; round < rates.length; round++) {
                long t0 = mx.getCurrentThreadCpuTime();
                for (int i = 0; i < calls; i++) {
                    BlockedGemm.multiply(kernel, GemmWorkspace.current(), false, false, n, n, n,
                            a, 0, n, b, 0, n, c, 0, n, false);
                }
                rates[round] = flop * calls / (mx.getCurrentThreadCpuTime() - t0);
            }
            java.util.Arrays.sort(rates);
            System.out.printf("n=%d best %.1f median %.1f worst %.1f (%d rounds)%n",
                    n, rates[rates.length - 1], (rates[4] + rates[5]) / 2, rates[0], rates.length);
        }
    }

    private static void warmUp(GemmKernel kernel) {
        int n = 256;
        float[] x = new float[n * n];
        float[] y = new float[n * n];
        for (int i = 0; i < 20; i++) {
            BlockedGemm.multiply(kernel, GemmWorkspace.current(), false, false, n, n, n, x, 0, n, x, 0, n, y, 0, n, i > 0);
        }
    }
}
