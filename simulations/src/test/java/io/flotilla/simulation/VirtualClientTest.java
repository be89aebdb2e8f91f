package io.flotilla.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.actor.typed.receptionist.Receptionist;
import io.flotilla.client.ClientResources;
import io.flotilla.data.Dataset;
import io.flotilla.data.FashionMnist;
import io.flotilla.fit.TrainConfig;
import io.flotilla.model.ParameterSet;
import io.flotilla.model.encoding.GlobalParameters;
import io.flotilla.nn.ModelSpec;
import io.flotilla.nn.ModelZoo;
import io.flotilla.nn.NeuralTrainer;
import io.flotilla.simulation.faults.FaultPlan;
import io.flotilla.wire.protocol.AnnounceClient;
import io.flotilla.wire.protocol.ClientMessage;
import io.flotilla.wire.protocol.CoordinatorMessage;
import io.flotilla.wire.update.InsecurePlaintextUpdates;
import io.flotilla.wire.transfer.InProcessBlobExchange;
import io.flotilla.wire.protocol.RefuseInstruction;
import io.flotilla.wire.SecurityMode;
import io.flotilla.wire.protocol.ServiceKeys;
import io.flotilla.wire.protocol.SubmitUpdate;
import io.flotilla.wire.protocol.TrainInstruction;
import io.flotilla.wire.transfer.BlobRef;
import io.flotilla.wire.seal.ClientProtection;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A virtual client with real agents, real training and the Receptionist, played against a coordinator probe. */
class VirtualClientTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ModelSpec SPEC = ModelZoo.spec("logreg");
    private static final ActorTestKit KIT = ActorTestKit.create();
    private static Dataset train;

    @BeforeAll
    static void load() throws Exception {
        train = FashionMnist.load(null).train().slice(0, 200);
    }

    @AfterAll
    static void stop() {
        KIT.shutdownTestKit();
    }

    @Test
    void aCrashStopsTheAgentMidRoundAndAFreshOneAnnouncesItselfRefusesWhileDownThenTrains() {
        FaultPlan plan = new FaultPlan(8, 0, 0, 0, 0, 0, 0, 0.5);
        int client = 1;
        int crash = CrashingSealerTest.round(plan, client, 1, true);
        int back = CrashingSealerTest.round(plan, client, crash + 2, false);
        InProcessBlobExchange blobs = new InProcessBlobExchange();
        TestProbe<CoordinatorMessage> coordinator = KIT.createTestProbe();
        KIT.system().receptionist().tell(Receptionist.register(ServiceKeys.COORDINATOR, coordinator.ref()));
        String id = VirtualClients.clientId(client);
        KIT.spawn(VirtualClient.create(protection -> new ClientResources(id, "logreg", SPEC.layout(),
                new NeuralTrainer(SPEC), train, null, blobs, protection),
                new ClientProtection.PerUpdate(new InsecurePlaintextUpdates()), client, plan, 1),
                id);
        ActorRef<ClientMessage> first = next(coordinator, AnnounceClient.class).client();
        ParameterSet global = SPEC.initialize(3);
        BlobRef params = blobs.publish(GlobalParameters.encode(global.values()));

        first.tell(instruction(crash, params, coordinator));
        // The crash: no answer for the round, and a fresh incarnation (a new inbox) announces itself.
        ActorRef<ClientMessage> fresh = first;
        while (fresh.equals(first)) {
            CoordinatorMessage m = coordinator.receiveMessage(WAIT);
            assertTrue(m instanceof AnnounceClient, "a crashed client never answers its round; got " + m);
            fresh = ((AnnounceClient) m).client();
        }
        assertNotEquals(first, fresh);

        fresh.tell(instruction(crash + 1, params, coordinator));
        RefuseInstruction refused = next(coordinator, RefuseInstruction.class);
        assertEquals(crash + 1, refused.round());
        assertTrue(refused.reason().contains("simulated crash"), refused.reason());

        fresh.tell(instruction(back, params, coordinator));
        SubmitUpdate u = next(coordinator, SubmitUpdate.class);
        assertEquals(back, u.round());
        assertEquals(id, u.clientId());
    }

    private static TrainInstruction instruction(int round, BlobRef params, TestProbe<CoordinatorMessage> c) {
        return new TrainInstruction(round, 1, "logreg", SPEC.layout().totalSize(), params,
                TrainConfig.defaults().withLearningRate(0.1f), 7L, System.currentTimeMillis() + 60_000, null,
                SecurityMode.NONE, c.ref());
    }

    /** The next message of {@code type}, skipping the periodic announcements of the current agent. */
    private static <T> T next(TestProbe<CoordinatorMessage> coordinator, Class<T> type) {
        while (true) {
            CoordinatorMessage m = coordinator.receiveMessage(WAIT);
            if (type.isInstance(m)) {
                return type.cast(m);
            }
            if (!(m instanceof AnnounceClient)) {
                throw new AssertionError("expected " + type.getSimpleName() + ", got " + m);
            }
        }
    }
}
