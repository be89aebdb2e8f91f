package io.flotilla.bench;

import io.flotilla.nn.kernel.Gemm;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * SGEMM throughput of {@link Gemm#sgemm} on square row-major matrices, C = A * B, and of the naive
 * {@link Gemm#reference} loop at 256 for contrast. Besides calls per second, each benchmark reports a
 * {@code gflop} counter whose rate (ops/s) is GFLOP/s, counting 2 n^3 floating-point operations per call.
 * The first warm-up iterations run before C2 has compiled the Vector API kernel and are far slower.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-XX:+UseParallelGC"})
public class GemmBenchmark {

    /** Random square operands of the parameterised size. */
    @State(Scope.Benchmark)
    public static class Square {
        @Param({"128", "256", "512", "1024"})
        public int size;
        float[] a;
        float[] b;
        float[] c;
        double gflopPerCall;

        @Setup
        public void setUp() {
            a = random(size * size, 1);
            b = random(size * size, 2);
            c = new float[size * size];
            gflopPerCall = 2.0 * size * size * size / 1e9;
        }
    }

    /** Operands for the reference loop, fixed at 256 so it finishes in reasonable time. */
    @State(Scope.Benchmark)
    public static class Reference256 {
        static final int SIZE = 256;
        final float[] a = random(SIZE * SIZE, 3);
        final float[] b = random(SIZE * SIZE, 4);
        final float[] c = new float[SIZE * SIZE];
    }

    /** Floating-point work done, reported by JMH as a rate: gflop ops/s is GFLOP/s. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Flops {
        public double gflop;

        @Setup(Level.Iteration)
        public void reset() {
            gflop = 0;
        }
    }

    @Benchmark
    public float[] sgemm(Square s, Flops f) {
        Gemm.sgemm(false, false, s.size, s.size, s.size, s.a, 0, s.size, s.b, 0, s.size, s.c, 0, s.size, false);
        f.gflop += s.gflopPerCall;
        return s.c;
    }

    @Benchmark
    public float[] reference256(Reference256 s, Flops f) {
        int n = Reference256.SIZE;
        Gemm.reference(false, false, n, n, n, s.a, 0, n, s.b, 0, n, s.c, 0, n, false);
        f.gflop += 2.0 * n * n * n / 1e9;
        return s.c;
    }

    private static float[] random(int size, long seed) {
        Random rnd = new Random(seed);
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = rnd.nextFloat() * 2f - 1f;
        }
        return x;
    }
}
