package io.flotilla.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TrainCommandTest {

    @Test
    void trainsLogisticRegressionAndWritesTheSummary(@TempDir Path dir) throws Exception {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        int rc;
        try {
            rc = new CommandLine(new FlotillaMain()).execute("train", "--model", "logreg", "--epochs", "1",
                    "--init", "torch", "--no-progress", "--out", dir.toString());
        } finally {
            System.setOut(old);
        }
        String out = buf.toString(StandardCharsets.UTF_8);
        assertEquals(0, rc, out);
        assertTrue(out.contains("epoch 1/1"), out);
        String json = Files.readString(dir.resolve("summary.json"));
        for (String key : new String[] {"final_accuracy", "final_loss", "epochs", "samples_per_second",
            "params_total"}) {
            assertTrue(json.contains("\"" + key + "\": "), key + " missing from " + json);
        }
        assertTrue(json.contains("\"params_total\": 7850"), json);
        assertTrue(json.contains("\"init\": \"torch\""), json);
        Matcher m = Pattern.compile("\"final_accuracy\": ([0-9.]+)").matcher(json);
        assertTrue(m.find(), json);
        assertTrue(Double.parseDouble(m.group(1)) > 0.7, "logistic regression accuracy " + m.group(1));
    }
}
