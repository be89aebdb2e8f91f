package io.flotilla.coordinator;

import io.flotilla.coordinator.ClientRegistry.Announced;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.typed.ActorRef;
import io.flotilla.wire.protocol.AnnounceClient;
import io.flotilla.wire.protocol.ClientMessage;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class ClientRegistryTest {
    private static final ActorTestKit KIT = ActorTestKit.create();

    @AfterAll
    static void shutdown() {
        KIT.shutdownTestKit();
    }

    private static ActorRef<ClientMessage> ref(String name) {
        return KIT.<ClientMessage>createTestProbe(name).ref();
    }

    @Test
    void aClientIsAvailableOnlyWhenAnnouncedAndListedAndIdsComeSorted() {
        ClientRegistry r = new ClientRegistry();
        ActorRef<ClientMessage> a = ref("a");
        ActorRef<ClientMessage> b = ref("b");
        ActorRef<ClientMessage> c = ref("c");
        assertEquals(Announced.REGISTERED, r.announce(new AnnounceClient("zeta", 5, List.of(), a)));
        assertEquals(Announced.REGISTERED, r.announce(new AnnounceClient("alpha", 7, List.of(), b)));
        assertEquals(List.of(), r.availableClients(), "announced but not listed");
        r.listingChanged(Set.of(a, b, c));
        assertEquals(List.of("alpha", "zeta"), r.availableClients(), "listed but never announced: c is not there");
        assertEquals(7, r.examples("alpha"));
        assertEquals(b, r.ref("alpha"));
        assertEquals(Announced.UNCHANGED, r.announce(new AnnounceClient("alpha", 7, List.of(), b)),
                "same inbox again: nothing new");
        // once alpha's inbox has left, a new incarnation at a new inbox takes the id
        r.listingChanged(Set.of(a, c));
        assertEquals(Announced.REGISTERED, r.announce(new AnnounceClient("alpha", 7, List.of(), c)),
                "a new inbox after the old one left is news");
        assertEquals(c, r.ref("alpha"));
    }

    @Test
    void anIdBelongsToItsInboxWhileThatLivesAndAnImpostorIsRefused() {
        ClientRegistry r = new ClientRegistry();
        ActorRef<ClientMessage> member = ref("member");
        ActorRef<ClientMessage> impostor = ref("impostor");
        assertEquals(Announced.REGISTERED, r.announce(new AnnounceClient("client-1", 10, List.of(), member)));
        // the attack: re-announcing as client-1 from another node, before and after the listing shows the member
        assertEquals(Announced.ID_TAKEN, r.announce(new AnnounceClient("client-1", 9999, List.of(), impostor)));
        r.listingChanged(Set.of(member, impostor));
        assertEquals(Announced.ID_TAKEN, r.announce(new AnnounceClient("client-1", 9999, List.of(), impostor)));
        assertEquals(member, r.ref("client-1"));
        assertEquals(10, r.examples("client-1"));
        assertEquals(2, r.refused());
        assertEquals(List.of("client-1"), r.availableClients());
    }

    @Test
    void anIdThatIsNotAdmittedNeverEntersNorCountsAsAvailable() {
        ClientRegistry r = new ClientRegistry(id -> id.startsWith("enrolled-"));
        ActorRef<ClientMessage> a = ref("ea");
        ActorRef<ClientMessage> b = ref("eb");
        assertEquals(Announced.NOT_ADMITTED, r.announce(new AnnounceClient("stranger", 10, List.of(), a)));
        assertEquals(Announced.REGISTERED, r.announce(new AnnounceClient("enrolled-1", 10, List.of(), b)));
        r.listingChanged(Set.of(a, b));
        assertEquals(List.of("enrolled-1"), r.availableClients());
        assertThrows(IllegalArgumentException.class, () -> r.ref("stranger"));
        assertEquals(1, r.refused());
    }

    @Test
    void theExampleCountIsFixedAtRegistrationAndOnlyANewInboxRegistersAnew() {
        ClientRegistry r = new ClientRegistry();
        ActorRef<ClientMessage> first = ref("first");
        ActorRef<ClientMessage> restarted = ref("restarted");
        r.announce(new AnnounceClient("c", 100, List.of(), first));
        // The same inbox announcing again (it saw a new coordinator) cannot raise its weight.
        r.announce(new AnnounceClient("c", Integer.MAX_VALUE, List.of(), first));
        assertEquals(100, r.examples("c"));
        r.announce(new AnnounceClient("c", 60, List.of(), first));
        assertEquals(60, r.examples("c"));
        // While the first inbox lives, another one cannot take the id (nor its weight) ...
        r.listingChanged(Set.of(first));
        r.announce(new AnnounceClient("c", 80, List.of(), restarted));
        assertEquals(60, r.examples("c"));
        // ... once it left, a restarted client (a new inbox) is a new registration.
        r.listingChanged(Set.of());
        r.announce(new AnnounceClient("c", 80, List.of(), restarted));
        assertEquals(80, r.examples("c"));
    }

    @Test
    void aClientWhoseListedInboxLeftIsForgottenAndReportedAsDeparted() {
        ClientRegistry r = new ClientRegistry();
        ActorRef<ClientMessage> a = ref("a2");
        ActorRef<ClientMessage> b = ref("b2");
        r.announce(new AnnounceClient("x", 1, List.of(), a));
        r.announce(new AnnounceClient("y", 1, List.of(), b));
        assertEquals(Set.of(), r.listingChanged(Set.of(a, b)));
        assertEquals(Set.of(b), r.listingChanged(Set.of(a)));
        assertEquals(List.of("x"), r.availableClients());
        assertThrows(IllegalArgumentException.class, () -> r.ref("y"));
        // A client announced before its first listing is kept until it was listed once and left.
        ActorRef<ClientMessage> late = ref("late");
        r.announce(new AnnounceClient("z", 1, List.of(), late));
        r.listingChanged(Set.of(a));
        assertEquals(1, r.examples("z"));
    }

    @Test
    void anEvaluationReportIsBoundedByTheAnnouncedTestSplitElseByTheTrainingExamples() {
        ClientRegistry r = new ClientRegistry();
        r.announce(new AnnounceClient("with", 900, List.of("m", "test_examples:120"), ref("w")));
        r.announce(new AnnounceClient("without", 900, List.of("m"), ref("wo")));
        assertEquals(120, r.evaluationBound("with"));
        assertEquals(900, r.evaluationBound("without"));
        assertThrows(IllegalArgumentException.class, () -> r.evaluationBound("nobody"));
    }
}
