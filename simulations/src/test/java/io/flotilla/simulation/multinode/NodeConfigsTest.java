package io.flotilla.simulation.multinode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.typesafe.config.Config;
import io.flotilla.simulation.RunKeys;
import io.flotilla.simulation.scenario.ScenarioLoader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeConfigsTest {
    @TempDir
    Path tmp;

    @Test
    void theCoordinatorRunsTheScenarioOverMutualTlsWithTheEnrolledClients() throws Exception {
        RunKeys keys = RunKeys.create(tmp.resolve("keys"), 1, 2);
        var s = ScenarioLoader.load(null, List.of("clients=2", "rounds=4", "model=logreg"));
        Config c = NodeConfigs.coordinator(s, tmp, keys);
        assertEquals("tls-tcp", c.getString("akka.remote.artery.transport"));
        assertEquals(true, c.getBoolean("akka.remote.artery.ssl.config-ssl-engine.require-mutual-authentication"));
        assertEquals(List.of("coordinator"), c.getStringList("akka.cluster.roles"));
        assertEquals("127.0.0.1", c.getString("akka.remote.artery.canonical.hostname"));
        assertEquals(0, c.getInt("akka.remote.artery.canonical.port"));
        assertEquals(keys.enrolledDir().toString(), c.getString("flotilla.keys.enrolled_dir"));
        assertEquals(4, c.getInt("flotilla.rounds"));
        assertEquals(2, c.getInt("flotilla.min_available_clients"));
        assertEquals("envelope", c.getString("flotilla.security"));
        assertEquals(List.of(), c.getStringList("akka.cluster.seed-nodes"));
    }

    @Test
    void aHostJoinsTheCoordinatorAsAClientNodeWithItsOwnCertificate() throws Exception {
        RunKeys keys = RunKeys.create(tmp.resolve("keys"), 2, 2);
        Config c = NodeConfigs.host(keys, 1, 25520, 3);
        assertEquals("tls-tcp", c.getString("akka.remote.artery.transport"));
        assertEquals(List.of("client"), c.getStringList("akka.cluster.roles"));
        assertEquals(List.of("akka://flotilla@127.0.0.1:25520"), c.getStringList("akka.cluster.seed-nodes"));
        assertEquals(keys.tlsDir().resolve("host-1.p12").toString(),
                c.getString("akka.remote.artery.ssl.config-ssl-engine.key-store"));
        assertEquals(3, c.getInt("flotilla-training-dispatcher.thread-pool-executor.fixed-pool-size"));
    }

    @Test
    void aBadSeedPortIsRefused() throws Exception {
        RunKeys keys = RunKeys.create(tmp.resolve("keys"), 1, 1);
        assertThrows(IllegalArgumentException.class, () -> NodeConfigs.host(keys, 0, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> NodeConfigs.host(keys, 0, 70000, 1));
    }
}
