package io.flotilla.wire.transfer;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorSystem;
import akka.cluster.ClusterEvent;
import akka.cluster.MemberStatus;
import akka.cluster.typed.Cluster;
import akka.cluster.typed.Join;
import akka.cluster.typed.Subscribe;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Test fixture: several ActorSystems in this JVM forming a real Akka cluster over Artery TCP on 127.0.0.1 with
 * ephemeral ports, each watched for {@link ClusterEvent.UnreachableMember} events.
 */
final class LoopbackCluster implements AutoCloseable {

    static final Config CONFIG = ConfigFactory.parseString("""
            akka.actor.provider = cluster
            akka.remote.artery.transport = tcp
            akka.remote.artery.canonical.hostname = 127.0.0.1
            akka.remote.artery.canonical.port = 0
            akka.cluster.jmx.multi-mbeans-in-same-jvm = on
            akka.cluster.downing-provider-class = ""
            akka.loglevel = WARNING
            akka.coordinated-shutdown.exit-jvm = off
            """);

    final List<ActorTestKit> nodes = new ArrayList<>();
    final List<TestProbe<ClusterEvent.UnreachableMember>> unreachable = new ArrayList<>();

    LoopbackCluster(String name, int size) {
        for (int i = 0; i < size; i++) {
            nodes.add(ActorTestKit.create(name, CONFIG.withFallback(ConfigFactory.load())));
        }
        Cluster first = Cluster.get(nodes.get(0).system());
        for (ActorTestKit node : nodes) {
            Cluster.get(node.system()).manager().tell(Join.create(first.selfMember().address()));
        }
        TestProbe<Object> waiter = nodes.get(0).createTestProbe();
        for (ActorTestKit node : nodes) {
            waiter.awaitAssert(Duration.ofSeconds(30), () -> {
                int up = 0;
                for (var m : Cluster.get(node.system()).state().getMembers()) {
                    if (m.status() == MemberStatus.up()) {
                        up++;
                    }
                }
                if (up != size) {
                    throw new AssertionError(node.system().name() + " sees " + up + " of " + size + " members up");
                }
                return null;
            });
        }
        for (ActorTestKit node : nodes) {
            TestProbe<ClusterEvent.UnreachableMember> probe = node.createTestProbe();
            Cluster.get(node.system()).subscriptions().tell(Subscribe.create(probe.ref(),
                    ClusterEvent.UnreachableMember.class));
            unreachable.add(probe);
        }
    }

    ActorTestKit node(int i) {
        return nodes.get(i);
    }

    ActorSystem<Void> system(int i) {
        return nodes.get(i).system();
    }

    /** Fails if any node has seen another become unreachable since the cluster formed. */
    void assertNoUnreachableMembers() {
        for (TestProbe<ClusterEvent.UnreachableMember> probe : unreachable) {
            probe.expectNoMessage(Duration.ofMillis(200));
        }
    }

    @Override
    public void close() {
        for (int i = nodes.size() - 1; i >= 0; i--) {
            nodes.get(i).shutdownTestKit();
        }
    }
}
