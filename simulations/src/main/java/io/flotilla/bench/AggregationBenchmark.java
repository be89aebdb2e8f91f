package io.flotilla.bench;

import io.flotilla.aggregation.RobustMath;
import io.flotilla.aggregation.WeightedSum;
import io.flotilla.model.ModelLayout;
import io.flotilla.model.ParameterSet;
import io.flotilla.model.TensorSpec;
import io.flotilla.model.encoding.SparseEncoding;
import io.flotilla.pruning.compression.QuantizedCodec;
import io.flotilla.pruning.compression.TopKCodec;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Aggregation throughput on a 1.6M-parameter model: FedAvg folding one delta into the running sum, and the robust
 * reductions over 20 buffered deltas (coordinate-wise median, trimmed mean, Krum with f = 4). Run with JMH
 * ({@code org.openjdk.jmh.Main AggregationBenchmark}); {@link #main} instead prints the encoded sizes of the sparse
 * parameter encoding and of compressed updates, which are deterministic and need no timing.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g", "-XX:+UseParallelGC"})
public class AggregationBenchmark {
    static final int MODEL = 1_600_000;

    @Param({"20"})
    public int updates;

    private float[][] deltas;
    private long[] weights;
    private WeightedSum sum;
    private float[] column;
    private float[] out;
    private double[] distances;
    private double[] scores;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom rng = new SplittableRandom(1);
        deltas = new float[updates][MODEL];
        weights = new long[updates];
        for (int u = 0; u < updates; u++) {
            for (int i = 0; i < MODEL; i++) {
                deltas[u][i] = (float) (rng.nextGaussian() * 0.01);
            }
            weights[u] = 100 + u;
        }
        sum = new WeightedSum(MODEL);
        column = new float[updates];
        out = new float[MODEL];
        distances = new double[updates * updates];
        scores = new double[updates];
    }

    /** One delta folded into the FedAvg running sum: ops/s is deltas/s. */
    @Benchmark
    public void fedAvgFoldOneDelta() {
        int u = next;
        next = (u + 1) % updates;
        sum.add(deltas[u], weights[u]);
    }

    /** Coordinate-wise median of all buffered deltas: ops/s is rounds/s. */
    @Benchmark
    public float[] median() {
        RobustMath.medianInto(deltas, updates, column, out);
        return out;
    }

    /** Trimmed mean (beta = 0.1) of all buffered deltas. */
    @Benchmark
    public float[] trimmedMean() {
        RobustMath.trimmedMeanInto(deltas, updates, updates / 10, column, out);
        return out;
    }

    /** Krum with f = 4: pairwise distances, scores and the pick. */
    @Benchmark
    public void krum(Blackhole bh) {
        RobustMath.squaredDistancesInto(deltas, updates, distances);
        RobustMath.krumScoresInto(distances, updates, 4, scores);
        bh.consume(RobustMath.lowestScores(scores, updates, 1));
    }

    /** Prints encoded bytes versus sparsity for the 1.6M-parameter model. */
    public static void main(String[] args) {
        ModelLayout layout = ModelLayout.of(TensorSpec.weight("d1.weight", 1000, 1500),
                TensorSpec.bias("d1.bias", 1000), TensorSpec.weight("d2.weight", 99, 1000));
        int n = layout.totalSize();
        SplittableRandom rng = new SplittableRandom(7);
        float[] dense = new float[n];
        for (int i = 0; i < n; i++) {
            dense[i] = (float) rng.nextGaussian();
        }
        long denseBytes = 4L * n;
        System.out.println("model: " + n + " parameters, dense float32 " + denseBytes + " bytes");
        System.out.println("| weight sparsity | sparse encoding bytes | vs dense |");
        System.out.println("| --- | --- | --- |");
        for (double s : new double[] {0, 0.5, 0.7, 0.8, 0.9, 0.95, 0.99}) {
            float[] v = dense.clone();
            SplittableRandom pick = new SplittableRandom(11);
            for (int i = 0; i < n; i++) {
                boolean isBias = i >= 1_500_000 && i < 1_501_000;
                if (!isBias && pick.nextDouble() < s) {
                    v[i] = 0f;
                }
            }
            int bytes = SparseEncoding.encode(ParameterSet.wrap(layout, v)).length;
            System.out.printf("| %.2f | %d | %.1fx smaller |%n", s, bytes, (double) denseBytes / bytes);
        }
        System.out.println();
        System.out.println("| update codec | bytes | vs dense |");
        System.out.println("| --- | --- | --- |");
        report("q8 (chunk 4096)", QuantizedCodec.perChunk(4096).encode(dense, new SplittableRandom(1)).length,
                denseBytes);
        for (float fraction : new float[] {0.1f, 0.01f, 0.001f}) {
            report("top-k " + fraction + " float32",
                    new TopKCodec(fraction, 0).encode(dense, new SplittableRandom(1)).length, denseBytes);
            report("top-k " + fraction + " + q8",
                    new TopKCodec(fraction, 4096).encode(dense, new SplittableRandom(1)).length, denseBytes);
        }
    }

    private static void report(String name, int bytes, long denseBytes) {
        System.out.printf("| %s | %d | %.1fx smaller |%n", name, bytes, (double) denseBytes / bytes);
    }
}
