package io.flotilla.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code flotilla client} runs the SDK client: its configuration errors name the key and exit with 2. */
class ClientCommandTest {
    @TempDir
    Path tmp;

    private String run(String... args) {
        PrintStream old = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = new CommandLine(new FlotillaMain()).execute(args);
            return code + " " + err.toString(StandardCharsets.UTF_8);
        } finally {
            System.setErr(old);
        }
    }

    @Test
    void aMissingConfigurationFileExitsWithTwo() {
        String out = run("client", "--config", tmp.resolve("absent.conf").toString());
        assertTrue(out.startsWith("2 "), out);
        assertTrue(out.contains("absent.conf"), out);
    }

    @Test
    void aClientWithoutKeysOrGatewaysIsRefusedNamingTheKey() throws Exception {
        Path conf = tmp.resolve("client.conf");
        Files.writeString(conf, "flotilla.client.id = c1\n");
        String out = run("client", "--config", conf.toString());
        assertEquals("2", out.substring(0, 1), out);
        assertTrue(out.contains("flotilla.keys.dir"), out);
    }

    @Test
    void gatewaysMustBeHttps() throws Exception {
        Path keys = tmp.resolve("keys");
        new CommandLine(new FlotillaMain()).execute("keys", "init", "--dir", keys.toString(), "--federation", "demo");
        new CommandLine(new FlotillaMain()).execute("keys", "issue", "--dir", keys.toString(), "--role", "client",
                "--name", "c1");
        Path conf = tmp.resolve("client.conf");
        Files.writeString(conf, "flotilla.keys.dir = \"" + keys + "\"\nflotilla.client { id = c1, "
                + "gateways = [\"http://127.0.0.1:8080\"], data_dir = \"" + tmp + "\" }\n");
        String out = run("client", "--config", conf.toString());
        assertTrue(out.startsWith("2 "), out);
        assertTrue(out.contains("flotilla.client.gateways") && out.contains("https"), out);
    }
}
