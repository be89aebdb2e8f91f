package io.flotilla.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeLauncherTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

    private String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void loadConfigCompletesTheFileIntoTheNodesClusterConfiguration() throws IOException {
        Path file = Files.writeString(dir.resolve("node.conf"), "flotilla.cluster { hostname = \"10.0.0.5\", "
                + "port = 25520, seed_nodes = [\"10.0.0.5:25520\"], stable_after = 7s }\nflotilla.tls = off\n");
        Config c = NodeLauncher.loadConfig(file, "client");
        assertEquals(List.of("client"), c.getStringList("akka.cluster.roles"));
        assertEquals(List.of("akka://flotilla@10.0.0.5:25520"), c.getStringList("akka.cluster.seed-nodes"));
    }

    @Test
    void aMissingConfigFileIsAConfigurationErrorNamingThePath() {
        Path missing = dir.resolve("absent.conf");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NodeLauncher.loadConfig(missing, "client"));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    @Test
    void theNodesExitCodeIsPassedThroughAndItGetsTheConfigPath() throws Exception {
        List<Path> seen = new ArrayList<>();
        int code = NodeLauncher.exitCode(new String[] {"--config", "x.conf"}, "node --config FILE", p -> {
            seen.add(p);
            return 7;
        }, err);
        assertEquals(7, code);
        assertEquals(List.of(Path.of("x.conf")), seen);
        assertEquals("", err());
    }

    @Test
    void aConfigurationErrorIsExitCodeTwoWithItsMessageOnStandardError() throws Exception {
        int code = NodeLauncher.exitCode(new String[] {"--config", dir.resolve("absent.conf").toString()},
                "node --config FILE", p -> {
                    NodeLauncher.loadConfig(p, "client");
                    return 0;
                }, err);
        assertEquals(NodeLauncher.USAGE_ERROR, code);
        assertTrue(err().startsWith("error: config file not found: "), err());
    }

    @Test
    void anythingButExactlyConfigFileIsAUsageErrorAndTheNodeDoesNotRun() throws Exception {
        List<Path> seen = new ArrayList<>();
        for (String[] args : new String[][] {{}, {"--config"}, {"--conf", "x"}, {"--config", "x", "y"}}) {
            assertEquals(NodeLauncher.USAGE_ERROR, NodeLauncher.exitCode(args, "node --config FILE", p -> {
                seen.add(p);
                return 0;
            }, err));
        }
        assertEquals(List.of(), seen);
        assertTrue(err().startsWith("usage: node --config FILE"), err());
    }
}
