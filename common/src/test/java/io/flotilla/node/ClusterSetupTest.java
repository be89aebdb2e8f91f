package io.flotilla.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.flotilla.crypto.pki.FederationCa;
import io.flotilla.crypto.pki.KeyDirectory;
import io.flotilla.crypto.pki.NodeRole;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterSetupTest {
    private static final String CLUSTER = "flotilla.cluster { hostname = \"10.0.0.5\", port = 25520, "
            + "seed_nodes = [\"10.0.0.5:25520\", \"10.0.0.6:25520\"], stable_after = 7s }\nflotilla.tls = off\n";

    @Test
    void derivesArteryRolesSeedsAndTheSplitBrainResolver() {
        Config c = ClusterSetup.nodeConfig(ConfigFactory.parseString(CLUSTER), "coordinator");
        assertEquals("cluster", c.getString("akka.actor.provider"));
        assertEquals("tcp", c.getString("akka.remote.artery.transport"));
        assertEquals("10.0.0.5", c.getString("akka.remote.artery.canonical.hostname"));
        assertEquals(25520, c.getInt("akka.remote.artery.canonical.port"));
        assertEquals(List.of("coordinator"), c.getStringList("akka.cluster.roles"));
        assertEquals(List.of("akka://flotilla@10.0.0.5:25520", "akka://flotilla@10.0.0.6:25520"),
                c.getStringList("akka.cluster.seed-nodes"));
        assertEquals("akka.cluster.sbr.SplitBrainResolverProvider",
                c.getString("akka.cluster.downing-provider-class"));
        assertEquals("keep-majority", c.getString("akka.cluster.split-brain-resolver.active-strategy"));
        assertEquals("coordinator", c.getString("akka.cluster.split-brain-resolver.keep-majority.role"));
        assertEquals(7000, c.getDuration("akka.cluster.split-brain-resolver.stable-after").toMillis());
        assertEquals("off", c.getString("akka.actor.allow-java-serialization"));
    }

    @Test
    void userAkkaKeysWinOverDerivedOnes() {
        Config c = ClusterSetup.nodeConfig(ConfigFactory.parseString(CLUSTER
                + "akka.cluster.split-brain-resolver.active-strategy = keep-oldest\n"), "client");
        assertEquals("keep-oldest", c.getString("akka.cluster.split-brain-resolver.active-strategy"));
        assertEquals(List.of("client"), c.getStringList("akka.cluster.roles"));
    }

    @Test
    void badValuesNameTheKey() {
        assertEquals("flotilla.cluster.seed_nodes entries must be host:port, got akka://flotilla@h:1",
                assertThrows(IllegalArgumentException.class, () -> ClusterSetup.nodeConfig(ConfigFactory.parseString(
                        "flotilla.cluster { hostname = h, port = 0, seed_nodes = [\"akka://flotilla@h:1\"], "
                                + "stable_after = 5s }\nflotilla.tls = off"), "client")).getMessage());
        assertEquals("flotilla.cluster.port must be <= 65535, got 70000",
                assertThrows(IllegalArgumentException.class, () -> ClusterSetup.nodeConfig(ConfigFactory.parseString(
                        "flotilla.cluster { hostname = h, port = 70000, seed_nodes = [], stable_after = 5s }\n"
                                + "flotilla.tls = off"),
                        "client")).getMessage());
    }

    private static final String LOOPBACK = "flotilla.cluster { hostname = \"127.0.0.1\", port = 0, seed_nodes = "
            + "[\"127.0.0.1:25520\"], stable_after = 5s }\n";

    @TempDir
    Path keys;

    private static Config node(String extra, String role) {
        return ClusterSetup.nodeConfig(ConfigFactory.parseString(LOOPBACK + extra), role);
    }

    @Test
    void mutualTlsIsTheDefaultAndANodeWithoutKeysRefusesToStart() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> node("", "coordinator"));
        assertTrue(e.getMessage().startsWith("flotilla.tls = on (the default) needs flotilla.keys.dir"),
                e.getMessage());
        assertTrue(e.getMessage().contains("flotilla.tls = off"), e.getMessage());
    }

    @Test
    void aNodeWithItsKeysRunsMutualTls13() throws Exception {
        FederationCa ca = FederationCa.init(new KeyDirectory(keys), "t", new SecureRandom());
        ca.issue(NodeRole.COORDINATOR, "coord");
        ca.issue(NodeRole.HOST, "c7");
        Config c = node("flotilla.keys { dir = \"" + keys + "\", name = coord }", "coordinator");
        assertEquals("tls-tcp", c.getString("akka.remote.artery.transport"));
        assertTrue(c.getBoolean("akka.remote.artery.ssl.config-ssl-engine.require-mutual-authentication"));
        assertEquals("TLSv1.3", c.getString("akka.remote.artery.ssl.config-ssl-engine.protocol"));
        assertEquals(keys.resolve("coord.p12").toString(),
                c.getString("akka.remote.artery.ssl.config-ssl-engine.key-store"));
        // A client's key name defaults to its id.
        Config client = node("flotilla.keys.dir = \"" + keys + "\"\nflotilla.client.id = c7", "client");
        assertEquals(keys.resolve("c7.p12").toString(),
                client.getString("akka.remote.artery.ssl.config-ssl-engine.key-store"));
        // A name that was never issued is a clear error, not a plaintext fallback.
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> node("flotilla.keys { dir = \"" + keys + "\", name = ghost }", "client"));
        assertTrue(e.getMessage().startsWith("cannot read the TLS keys of node 'ghost'"), e.getMessage());
    }

    @Test
    void aNodeWhoseCertificateRoleDoesNotAllowItsClusterRoleRefusesToStart() throws Exception {
        FederationCa ca = FederationCa.init(new KeyDirectory(keys), "t", new SecureRandom());
        ca.issue(NodeRole.CLIENT, "device-1");
        ca.issue(NodeRole.GATEWAY, "gw-1");
        ca.issue(NodeRole.HOST, "host-1");
        // the attack: a client (device) certificate started as a standby coordinator, to take the singleton later
        IllegalArgumentException asCoordinator = assertThrows(IllegalArgumentException.class,
                () -> node("flotilla.keys { dir = \"" + keys + "\", name = device-1 }", "coordinator"));
        assertTrue(asCoordinator.getMessage().startsWith(
                "node 'device-1' is certified as 'client' and may not run as a coordinator node"),
                asCoordinator.getMessage());
        // nor as a member client agent: devices talk to gateways only
        assertThrows(IllegalArgumentException.class,
                () -> node("flotilla.keys { dir = \"" + keys + "\", name = device-1 }", "client"));
        IllegalArgumentException gateway = assertThrows(IllegalArgumentException.class,
                () -> node("flotilla.keys { dir = \"" + keys + "\", name = gw-1 }", "coordinator"));
        assertTrue(gateway.getMessage().contains("--role coordinator"), gateway.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> node("flotilla.keys { dir = \"" + keys + "\", name = host-1 }", "coordinator"));
        assertEquals("tls-tcp", node("flotilla.keys { dir = \"" + keys + "\", name = host-1 }", "client")
                .getString("akka.remote.artery.transport"));
    }

    @Test
    void tlsOffIsExplicitPlainTcp() {
        Config c = node("flotilla.tls = off", "client");
        assertEquals("tcp", c.getString("akka.remote.artery.transport"));
    }
}
