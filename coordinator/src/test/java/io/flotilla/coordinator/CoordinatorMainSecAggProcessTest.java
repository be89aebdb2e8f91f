package io.flotilla.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flotilla.client.ClientMain;
import io.flotilla.data.FashionMnistDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code security = secagg} between separate JVMs started as `flotilla coordinator` and `flotilla client` start
 * them ({@link CoordinatorMain}, {@link ClientMain}), over mutual TLS with keys made as `flotilla keys` makes them:
 * three client processes train mnist-2nn on Fashion-MNIST partitions and every round's model comes from the
 * unmasked sum of their masked inputs.
 */
class CoordinatorMainSecAggProcessTest {
    private static final int ROUNDS = 3;
    private static final Duration STEP = Duration.ofMinutes(5);

    @TempDir
    Path dir;

    @Test
    void separateProcessesTrainWithSecureAggregation() throws Exception {
        Path data = FashionMnistDirectory.installedOrShipped(dir.resolve("fashion-mnist"));
        try (ProcessFederation f = new ProcessFederation(dir, "secagg-proc", 3)) {
            run(f, data);
        }
    }

    private void run(ProcessFederation f, Path data) throws Exception {
        Path coordinatorConf = f.write("coordinator", f.coordinatorNode()
                + "flotilla { rounds = " + ROUNDS + ", model = mnist-2nn, min_available_clients = 3, "
                + "min_fit_clients = 2, round_timeout = 120s, security = secagg, local { lr = 0.1, batch_size = 32 }, "
                + "checkpoint.dir = \"" + dir.resolve("ckpt") + "\", metrics.file = \"" + dir.resolve("rounds.jsonl")
                + "\", data.dir = \"" + data + "\", secagg.clip_range = 0.5 }\n");
        Process coordinator = f.start("coordinator", CoordinatorMain.class, "-Xmx512m", coordinatorConf);
        for (int i = 0; i < 3; i++) {
            Path conf = f.write("client-" + i, f.cluster() + "flotilla.client { id = client-" + i
                    + ", model = mnist-2nn, security = secagg, data { dir = \"" + data + "\", partition { index = " + i
                    + ", count = 3, seed = 5 }, max_examples = 3000 } }\n");
            f.start("client-" + i, ClientMain.class, "-Xmx256m", conf);
        }
        assertTrue(coordinator.waitFor(STEP.toSeconds(), TimeUnit.SECONDS), "coordinator did not finish:\n"
                + f.tail("coordinator") + "\nclient-0:\n" + f.tail("client-0"));
        assertEquals(0, coordinator.exitValue(), f.tail("coordinator"));
        List<String> rounds = Files.readAllLines(dir.resolve("rounds.jsonl"));
        assertEquals(ROUNDS, rounds.size(), String.join("\n", rounds));
        for (String r : rounds) {
            assertTrue(r.contains("\"status\":\"completed\"") && r.contains("\"closed_by\":\"secagg-unmasked\""), r);
            assertEquals(3, (int) ProcessFederation.field(r, "participants"), r);
        }
        String log = Files.readString(dir.resolve("coordinator.log"));
        assertTrue(log.contains("security secagg"), f.tail("coordinator"));
        assertTrue(log.contains("secure aggregation unmasked the sum of 3 clients"), f.tail("coordinator"));
        assertTrue(Files.readString(dir.resolve("client-0.log")).contains("submitted the masked input of round 3"),
                f.tail("client-0"));
        double acc1 = ProcessFederation.field(rounds.get(0), "accuracy");
        double acc3 = ProcessFederation.field(rounds.get(ROUNDS - 1), "accuracy");
        assertTrue(acc1 > 0.3 && acc3 > acc1, "accuracy " + acc1 + " -> " + acc3);
    }
}
