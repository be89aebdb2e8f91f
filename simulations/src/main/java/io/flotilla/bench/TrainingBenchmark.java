package io.flotilla.bench;

import io.flotilla.data.Dataset;
import io.flotilla.fit.TrainConfig;
import io.flotilla.nn.BatchListener;
import io.flotilla.nn.EvalResult;
import io.flotilla.nn.ModelSpec;
import io.flotilla.nn.ModelZoo;
import io.flotilla.nn.NeuralTrainer;
import io.flotilla.nn.TrainingSession;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Training throughput of the built-in engine, in samples per second: one invocation is an epoch over
 * {@value #EXAMPLES} random examples of Fashion-MNIST's shape (shuffle, gather, forward, backward, SGD with
 * momentum 0.9), so the figure includes everything a real epoch does except evaluation. Compare with
 * {@code benchmarks/torch_train.py} (same models, batch and thread count).
 *
 * <pre>java --add-modules jdk.incubator.vector -cp simulations/target/flotilla.jar org.openjdk.jmh.Main TrainingBenchmark</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-XX:+UseParallelGC"})
public class TrainingBenchmark {
    static final int EXAMPLES = 2048;

    @Param({"mnist-2nn", "lenet"})
    public String model;

    @Param({"64"})
    public int batchSize;

    private TrainingSession session;
    private Dataset data;

    @Setup
    public void setUp() {
        ModelSpec spec = ModelZoo.spec(model);
        SplittableRandom rng = new SplittableRandom(1);
        float[] x = new float[EXAMPLES * 784];
        int[] y = new int[EXAMPLES];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextFloat();
        }
        for (int i = 0; i < y.length; i++) {
            y[i] = rng.nextInt(10);
        }
        data = Dataset.of(x, y, new int[] {1, 28, 28}, 10);
        TrainConfig config = TrainConfig.defaults().withBatchSize(batchSize).withLearningRate(0.01f)
                .withMomentum(0.9f, false);
        session = new NeuralTrainer(spec).session(spec.initialize(1), config, 1, null);
    }

    @Benchmark
    @OperationsPerInvocation(EXAMPLES)
    public EvalResult trainEpoch() {
        return session.runEpoch(data, BatchListener.NONE);
    }
}
