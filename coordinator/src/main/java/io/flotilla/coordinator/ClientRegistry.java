package io.flotilla.coordinator;

import akka.actor.typed.ActorRef;
import io.flotilla.wire.protocol.AnnounceClient;
import io.flotilla.wire.protocol.ClientMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The coordinator's view of the federation's clients: what each announced (inbox, example count, capabilities)
 * joined with the Receptionist's listing of live client agents. A client is available when it announced itself and
 * its inbox is listed. Not thread-safe: owned by the coordinator actor.
 */
final class ClientRegistry {

    private record Entry(ActorRef<ClientMessage> ref, int examples, int testExamples, List<String> capabilities) {
    }

    private final Map<String, Entry> entries = new HashMap<>();
    private Set<ActorRef<ClientMessage>> listed = Set.of();
    /** Refs that were listed at least once: an entry whose ref left the listing is gone for good. */
    private final Set<ActorRef<ClientMessage>> listedOnce = new HashSet<>();

    /**
     * Records {@code a}; true when the client is new or announced a new inbox (worth a log line). The example count
     * is fixed at registration: a client that announces again from the same inbox (it saw a new coordinator) keeps
     * the count it registered with when it claims more, so its weight cannot be raised after the fact; a new inbox
     * (a restarted client) is a new registration.
     */
    boolean announce(AnnounceClient a) {
        Entry previous = entries.get(a.clientId());
        boolean sameInbox = previous != null && previous.ref().equals(a.client());
        int examples = sameInbox ? Math.min(previous.examples(), a.examples()) : a.examples();
        entries.put(a.clientId(), new Entry(a.client(), examples, a.testExamples(), a.capabilities()));
        return !sameInbox;
    }

    /**
     * Takes the Receptionist's new listing; forgets clients whose listed inbox left it and returns the refs that
     * were listed before and are not now.
     */
    Set<ActorRef<ClientMessage>> listingChanged(Set<ActorRef<ClientMessage>> now) {
        Set<ActorRef<ClientMessage>> departed = new HashSet<>(listed);
        departed.removeAll(now);
        listed = Set.copyOf(now);
        entries.values().removeIf(c -> !now.contains(c.ref()) && listedOnce.contains(c.ref()));
        listedOnce.addAll(now);
        return departed;
    }

    /** Ids of the clients that announced themselves and are listed, sorted (the sampler's input order). */
    List<String> availableClients() {
        List<String> ids = new ArrayList<>();
        for (Map.Entry<String, Entry> e : entries.entrySet()) {
            if (listed.contains(e.getValue().ref())) {
                ids.add(e.getKey());
            }
        }
        ids.sort(null);
        return ids;
    }

    /** The inbox of announced client {@code id}. */
    ActorRef<ClientMessage> ref(String id) {
        return entry(id).ref();
    }

    /** The example count client {@code id} announced. */
    int examples(String id) {
        return entry(id).examples();
    }

    /**
     * The most examples an evaluation report of client {@code id} may claim: the size of the test split it announced
     * ({@link AnnounceClient#testExamples()}), else its training examples.
     */
    int evaluationBound(String id) {
        Entry e = entry(id);
        return e.testExamples() >= 0 ? e.testExamples() : e.examples();
    }

    private Entry entry(String id) {
        Entry e = entries.get(id);
        if (e == null) {
            throw new IllegalArgumentException("no announced client " + id);
        }
        return e;
    }
}
