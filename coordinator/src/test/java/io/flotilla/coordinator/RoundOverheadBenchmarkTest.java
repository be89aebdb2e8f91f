package io.flotilla.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import com.typesafe.config.ConfigFactory;
import io.flotilla.aggregation.FedAvg;
import io.flotilla.client.ClientAgent;
import io.flotilla.client.ClientResources;
import io.flotilla.data.FashionMnist;
import io.flotilla.data.IidPartitioner;
import io.flotilla.data.Partition;
import io.flotilla.nn.ModelSpec;
import io.flotilla.nn.ModelZoo;
import io.flotilla.nn.NeuralTrainer;
import io.flotilla.wire.update.InsecurePlaintextUpdates;
import io.flotilla.wire.transfer.InProcessBlobExchange;
import io.flotilla.wire.seal.ClientProtection;
import io.flotilla.wire.seal.CoordinatorProtection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Measures round overhead in one JVM: the real coordinator and N real client agents (mnist-2nn, 50 local
 * examples each, training on the shared 2-thread training pool), in-process blobs. Overhead is the round's wall
 * time minus the time the training pool was necessarily busy (sum of the clients' training times / pool threads).
 * Run with {@code -Dflotilla.bench=true}; results go to stdout and {@code target/round-overhead-N.txt}.
 */
@EnabledIfSystemProperty(named = "flotilla.bench", matches = "true")
class RoundOverheadBenchmarkTest {
    private static final int THREADS = 2;
    private static final int ROUNDS = 6;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(ints = {10, 100})
    void roundOverhead(int clients) throws Exception {
        ModelSpec spec = ModelZoo.spec("mnist-2nn");
        FashionMnist data = FashionMnist.load(null);
        Partition p = new IidPartitioner().split(data.train(), clients, 1);
        ActorTestKit kit = ActorTestKit.create("bench", ConfigFactory.parseString(
                "flotilla-training-dispatcher.thread-pool-executor.fixed-pool-size = " + THREADS)
                .withFallback(ConfigFactory.load()));
        try {
            InProcessBlobExchange blobs = new InProcessBlobExchange();
            CoordinatorConfig cfg = CoordinatorConfig.from(ConfigFactory.parseString("flotilla { rounds = " + ROUNDS
                    + ", min_available_clients = " + clients + ", min_fit_clients = 1, round_timeout = 600s, "
                    + "security = none, evaluation.centralized = false, checkpoint.dir = \"" + dir.resolve("ckpt")
                    + "\", metrics.file = \"" + dir.resolve("m.jsonl") + "\" }")
                    .withFallback(ConfigFactory.load()).resolve());
            TestProbe<RoundMetrics> metrics = kit.createTestProbe();
            kit.spawn(Coordinator.create(cfg, new CoordinatorResources(spec.initialize(1), new FedAvg(), blobs,
                    new CoordinatorProtection.PerUpdate(new InsecurePlaintextUpdates()), null, null,
                    metrics.ref())));
            for (int i = 0; i < clients; i++) {
                kit.spawn(ClientAgent.create(new ClientResources("c" + i, "mnist-2nn", spec.layout(),
                        new NeuralTrainer(spec), p.view(data.train(), i).slice(0, 50), null, blobs,
                        new ClientProtection.PerUpdate(new InsecurePlaintextUpdates()))));
            }
            StringBuilder out = new StringBuilder();
            out.append(String.format(Locale.ROOT, "clients=%d threads=%d model=mnist-2nn examples/client=50%n",
                    clients, THREADS));
            out.append("round wall_s train_sum_s train_max_s overhead_s\n");
            double overheadSum = 0;
            for (int r = 1; r <= ROUNDS; r++) {
                RoundMetrics m = metrics.expectMessageClass(RoundMetrics.class, Duration.ofMinutes(10));
                assertEquals(clients, m.participants(), m.toJson());
                double overhead = m.wallSeconds() - m.trainSecondsSum() / THREADS;
                out.append(String.format(Locale.ROOT, "%d %.3f %.3f %.3f %.3f%s%n", r, m.wallSeconds(),
                        m.trainSecondsSum(), m.trainSecondsMax(), overhead, r == 1 ? " (warm-up, excluded)" : ""));
                if (r > 1) {
                    overheadSum += overhead;
                }
            }
            out.append(String.format(Locale.ROOT, "mean overhead rounds 2-%d: %.3f s%n", ROUNDS,
                    overheadSum / (ROUNDS - 1)));
            System.out.print(out);
            Path report = Path.of("target", "round-overhead-" + clients + ".txt");
            Files.createDirectories(report.getParent());
            Files.writeString(report, out.toString());
        } finally {
            kit.shutdownTestKit();
        }
    }
}
