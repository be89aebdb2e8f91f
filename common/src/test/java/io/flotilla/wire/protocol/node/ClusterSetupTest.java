package io.flotilla.wire.protocol.node;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterSetupTest {
    private static final String CLUSTER = "flotilla.cluster { hostname = \"127.0.0.1\", port = 0, seed_nodes = "
            + "[\"127.0.0.1:25520\"], stable_after = 5s }\n";

    @TempDir
    Path keys;

    private static Config node(String extra, String role) {
        return ClusterSetup.nodeConfig(ConfigFactory.parseString(CLUSTER + extra), role);
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
        ca.issue(NodeRole.CLIENT, "c7");
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
    void tlsOffIsExplicitPlainTcp() {
        Config c = node("flotilla.tls = off", "client");
        assertEquals("tcp", c.getString("akka.remote.artery.transport"));
    }
}
