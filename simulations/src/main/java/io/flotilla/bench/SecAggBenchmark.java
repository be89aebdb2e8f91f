package io.flotilla.bench;

import io.flotilla.crypto.secagg.SecAggConfig;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Whole secure aggregation sessions (all clients and the server in one thread), single shot, for the JMH harness;
 * {@link SecAggReport} splits the same run into client and server time and bytes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class SecAggBenchmark {
    @Param({"100"})
    public int clients;

    @Param({"0", "0.3"})
    public double dropout;

    @Param({"0"})
    public int neighbours;

    @Param({"100000"})
    public int parameters;

    @Benchmark
    public SecAggSession.Stats session() throws Exception {
        int m = neighbours == 0 ? clients : neighbours + 1;
        SecAggConfig config = SecAggConfig.withFinestScale(clients, m / 2 + 1, neighbours, parameters, 0.05, 1000,
                0.01, 7);
        return SecAggSession.run(config, dropout, 42);
    }
}
