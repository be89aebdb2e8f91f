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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Federated evaluation in a deployment: a coordinator process and two client processes ({@link ClientMain}) over
 * mutual TLS with envelope-encrypted updates; after every round the coordinator sends the new global model to both
 * clients, each evaluates it on its local test split (its share of Fashion-MNIST's test images: the installed t10k,
 * else the shipped split's), and the metrics file shows the example-weighted figures and their spread across the
 * two clients beside the centralised accuracy.
 */
class CoordinatorMainFederatedEvaluationProcessTest {
    private static final int ROUNDS = 2;
    private static final Duration STEP = Duration.ofMinutes(5);
    private static final Pattern TEST_SPLIT = Pattern.compile("train, (\\d+) test examples");

    @TempDir
    Path dir;

    @Test
    void clientProcessesEvaluateEachNewGlobalModelOnTheirTestSplits() throws Exception {
        // The installed full set, else the shipped split: the test runs on a machine with only a JDK too.
        Path data = FashionMnistDirectory.installedOrShipped(dir.resolve("fashion-mnist"));
        try (ProcessFederation f = new ProcessFederation(dir, "fedeval-proc", 2)) {
            run(f, data);
        }
    }

    private void run(ProcessFederation f, Path data) throws Exception {
        Path coordinatorConf = f.write("coordinator", f.coordinatorNode()
                + "flotilla { rounds = " + ROUNDS + ", model = mnist-2nn, min_available_clients = 2, "
                + "min_fit_clients = 2, round_timeout = 120s, local { lr = 0.1, batch_size = 32 }, "
                + "evaluation.federated { every = 1, fraction = 1.0, min_clients = 2, timeout = 120s }, "
                + "checkpoint.dir = \"" + dir.resolve("ckpt") + "\", metrics.file = \"" + dir.resolve("rounds.jsonl")
                + "\", data.dir = \"" + data + "\" }\n");
        Process coordinator = f.start("coordinator", CoordinatorMain.class, "-Xmx512m", coordinatorConf);
        for (int i = 0; i < 2; i++) {
            Path conf = f.write("client-" + i, f.cluster() + "flotilla.client { id = client-" + i
                    + ", model = mnist-2nn, data { dir = \"" + data + "\", partition { index = " + i
                    + ", count = 2, seed = 5 }, max_examples = 2000 } }\n");
            f.start("client-" + i, ClientMain.class, "-Xmx256m", conf);
        }
        assertTrue(coordinator.waitFor(STEP.toSeconds(), TimeUnit.SECONDS), "coordinator did not finish:\n"
                + f.tail("coordinator") + "\nclient-0:\n" + f.tail("client-0"));
        assertEquals(0, coordinator.exitValue(), f.tail("coordinator"));
        long testExamples = 0;
        for (int i = 0; i < 2; i++) {
            Matcher m = TEST_SPLIT.matcher(Files.readString(dir.resolve("client-" + i + ".log")));
            assertTrue(m.find(), f.tail("client-" + i));
            testExamples += Long.parseLong(m.group(1));
        }
        List<String> rounds = Files.readAllLines(dir.resolve("rounds.jsonl"));
        assertEquals(ROUNDS, rounds.size(), String.join("\n", rounds));
        for (String r : rounds) {
            assertTrue(r.contains("\"status\":\"completed\""), r);
            int at = r.indexOf("\"federated_evaluation\":{");
            assertTrue(at > 0, "the round's metrics carry the federated evaluation: " + r);
            String fed = r.substring(at);
            assertTrue(fed.contains("\"closed_by\":\"all-answered\""), fed);
            assertEquals(2, (int) ProcessFederation.field(fed, "clients"), fed);
            assertEquals(0, (int) ProcessFederation.field(fed, "rejected"), fed);
            assertEquals(testExamples, (long) ProcessFederation.field(fed, "examples"), fed);
            double acc = ProcessFederation.field(fed, "accuracy");
            double min = ProcessFederation.field(fed, "accuracy_min");
            double max = ProcessFederation.field(fed, "accuracy_max");
            assertTrue(acc > 0.3 && min <= acc && acc <= max, fed);
            // Two clients' shares of the same t10k set, and the coordinator's t10k: all close to each other.
            assertEquals(ProcessFederation.field(r, "accuracy"), acc, 0.05, r);
        }
        assertTrue(Files.readString(dir.resolve("coordinator.log")).contains("federated evaluation closed by "
                + "all-answered: 2 of 2 clients reported"), f.tail("coordinator"));
    }
}
