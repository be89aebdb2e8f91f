package io.flotilla.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ModelCommandTest {

    private static String run(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            int rc = new CommandLine(new FlotillaMain()).execute(args);
            assertEquals(0, rc, "exit code of " + String.join(" ", args));
        } finally {
            System.setOut(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void infoPrintsCountsAndLayerTable() {
        String out = run("model", "info", "cnn-mcmahan");
        assertTrue(out.contains("\"params_total\": 1663370"), out);
        assertTrue(out.contains("\"biases\": 618"), out);
        assertTrue(out.contains("\"weights\": 1662752"), out);
        assertTrue(out.contains("\"layer\": \"conv:64:5:same\""), out);
        assertTrue(out.contains("\"output_shape\": [64, 7, 7]"), out);
    }

    @Test
    void infoOnAUserSpec() {
        String out = run("model", "info", "--spec", "flatten,dense:3", "--input", "2,2", "--classes", "3");
        assertTrue(out.contains("\"params_total\": 15"), out);
    }

    @Test
    void unknownModelIsAUsageError() {
        PrintStream old = System.err;
        System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        try {
            assertEquals(2, new CommandLine(new FlotillaMain()).execute("model", "info", "resnet"));
        } finally {
            System.setErr(old);
        }
    }
}
