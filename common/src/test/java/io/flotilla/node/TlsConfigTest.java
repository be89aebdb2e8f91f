package io.flotilla.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.Address;
import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.typed.ActorSystem;
import akka.cluster.Member;
import akka.cluster.MemberStatus;
import akka.cluster.typed.Cluster;
import akka.cluster.typed.Join;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.flotilla.crypto.pki.FederationCa;
import io.flotilla.crypto.pki.KeyDirectory;
import io.flotilla.crypto.pki.NodeRole;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsConfigTest {
    private static final Config BASE = ConfigFactory.parseString("""
            akka.actor.provider = cluster
            akka.remote.artery.canonical.hostname = 127.0.0.1
            akka.remote.artery.canonical.port = 0
            akka.cluster.jmx.enabled = off
            akka.cluster.log-info = off
            akka.coordinated-shutdown.run-by-jvm-shutdown-hook = off
            akka.actor.allow-java-serialization = off
            # the machine is shared and loaded: give shutdown (and its TLS stream teardown) room
            akka.actor.testkit.typed.system-shutdown-default = 60s
            """);
    private final List<ActorTestKit> kits = new ArrayList<>();
    @TempDir
    Path tmp;

    @AfterEach
    void shutdown() {
        // intruders first, then client, then the seed node, so no node waits on a peer that is already gone
        for (int i = kits.size() - 1; i >= 0; i--) {
            kits.get(i).shutdownTestKit();
        }
    }

    private ActorSystem<Void> node(String name, Config transport) {
        ActorTestKit kit = ActorTestKit.create(name, transport.withFallback(BASE).withFallback(ConfigFactory.load()));
        kits.add(kit);
        @SuppressWarnings("unchecked")
        ActorSystem<Void> s = (ActorSystem<Void>) (ActorSystem<?>) kit.system();
        return s;
    }

    private static long upMembers(ActorSystem<?> s, Address... among) {
        return StreamSupport.stream(Cluster.get(s).state().getMembers().spliterator(), false)
                .filter(m -> m.status() == MemberStatus.up()).count();
    }

    private static boolean isMember(ActorSystem<?> s, Address a) {
        for (Member m : Cluster.get(s).state().getMembers()) {
            if (m.address().equals(a)) {
                return true;
            }
        }
        return false;
    }

    private static void awaitUp(ActorSystem<?> s, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (upMembers(s) < count && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertEquals(count, upMembers(s), "members up on " + Cluster.get(s).selfMember().address());
    }

    @Test
    void nodesWithMemberCertificatesOfTheSameCaFormAClusterAndOthersCannotJoin() throws Exception {
        KeyDirectory fed = new KeyDirectory(tmp.resolve("fed"));
        FederationCa ca = FederationCa.init(fed, "fed", new SecureRandom());
        ca.issue(NodeRole.COORDINATOR, "coordinator-1");
        ca.issue(NodeRole.HOST, "client-1");
        // a device certificate of the federation's own CA: valid, but not of a member role
        ca.issue(NodeRole.CLIENT, "device-1");
        KeyDirectory rogue = new KeyDirectory(tmp.resolve("rogue"));
        FederationCa.init(rogue, "fed", new SecureRandom()).issue(NodeRole.HOST, "client-1");

        ActorSystem<Void> coordinator = node("Flotilla", TlsConfig.forNode(fed, "coordinator-1"));
        Address seed = Cluster.get(coordinator).selfMember().address();
        Cluster.get(coordinator).manager().tell(new Join(seed));
        awaitUp(coordinator, 1);

        ActorSystem<Void> client = node("Flotilla", TlsConfig.forNode(fed, "client-1"));
        Cluster.get(client).manager().tell(new Join(seed));
        awaitUp(coordinator, 2);
        awaitUp(client, 2);

        // a rejected node may still be inside a failed handshake when it is stopped, and its Artery streams can
        // outlast the testkit's shutdown wait on this loaded machine: that is not what this test is about
        Config lenient = ConfigFactory.parseString("akka.actor.testkit.typed.throw-on-shutdown-timeout = off");
        ActorSystem<Void> intruder = node("Flotilla", lenient.withFallback(TlsConfig.forNode(rogue, "client-1")));
        ActorSystem<Void> plain = node("Flotilla", lenient.withFallback(
                ConfigFactory.parseString("akka.remote.artery.transport = tcp")));
        ActorSystem<Void> device = node("Flotilla", lenient.withFallback(TlsConfig.forNode(fed, "device-1")));
        Address intruderAddress = Cluster.get(intruder).selfMember().address();
        Address plainAddress = Cluster.get(plain).selfMember().address();
        Address deviceAddress = Cluster.get(device).selfMember().address();
        Cluster.get(intruder).manager().tell(new Join(seed));
        Cluster.get(plain).manager().tell(new Join(seed));
        Cluster.get(device).manager().tell(new Join(seed));
        // bounded observation: in 15 s neither may ever appear in the federation's membership
        long end = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < end) {
            assertFalse(isMember(coordinator, intruderAddress), "node with a foreign CA's certificate joined");
            assertFalse(isMember(coordinator, plainAddress), "node without TLS joined");
            assertFalse(isMember(coordinator, deviceAddress), "node with a client certificate joined");
            Thread.sleep(250);
        }
        assertTrue(upMembers(intruder) == 0 && upMembers(plain) == 0 && upMembers(device) == 0);
        assertEquals(2, upMembers(coordinator));
    }
}
