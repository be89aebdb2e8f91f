package io.flotilla.wire.protocol.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterSetupTest {
    private static final String CLUSTER = "flotilla.cluster { hostname = \"10.0.0.5\", port = 25520, "
            + "seed_nodes = [\"10.0.0.5:25520\", \"10.0.0.6:25520\"], stable_after = 7s }\n";

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
                                + "stable_after = 5s }"), "client")).getMessage());
        assertEquals("flotilla.cluster.port must be <= 65535, got 70000",
                assertThrows(IllegalArgumentException.class, () -> ClusterSetup.nodeConfig(ConfigFactory.parseString(
                        "flotilla.cluster { hostname = h, port = 70000, seed_nodes = [], stable_after = 5s }"),
                        "client")).getMessage());
    }
}
