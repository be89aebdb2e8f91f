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
import java.util.function.Predicate;

/**
 * The coordinator's view of the federation's clients: what each announced (inbox, example count, capabilities)
 * joined with the Receptionist's listing of live client agents. A client is available when it announced itself and
 * its inbox is listed. A client id belongs to the inbox that first announced it for as long as that inbox lives (has
 * not left the listing): another inbox announcing the same id is refused, so no node can take a member's place in
 * a cohort. Only ids that {@code admitted} accepts (under envelope and secagg: enrolled identity keys) enter at all.
 * Not thread-safe: owned by the coordinator actor.
 */
final class ClientRegistry {

    /** What became of an announcement. */
    enum Announced {
        /** A new client, or a known one at a new inbox after its old one left: worth a log line. */
        REGISTERED,
        /** A repeat of what is registered (clients re-announce periodically). */
        UNCHANGED,
        /** The id belongs to another inbox that is still alive: refused. */
        ID_TAKEN,
        /** The id may not take part (no enrolled identity key): refused. */
        NOT_ADMITTED
    }

    private record Entry(ActorRef<ClientMessage> ref, int examples, int testExamples, List<String> capabilities) {
    }

    private final Map<String, Entry> entries = new HashMap<>();
    private Set<ActorRef<ClientMessage>> listed = Set.of();
    /** Refs that were listed at least once: an entry whose ref left the listing is gone for good. */
    private final Set<ActorRef<ClientMessage>> listedOnce = new HashSet<>();
    private final Predicate<String> admitted;
    private long refused;

    /** A registry that lets in the ids {@code admitted} accepts. */
    ClientRegistry(Predicate<String> admitted) {
        this.admitted = admitted;
    }

    /** A registry that lets in every id. */
    ClientRegistry() {
        this(id -> true);
    }

    /**
     * Records {@code a} unless its id is not admitted or belongs to another live inbox. The example count is fixed
     * at registration: a client that announces again from the same inbox (it saw a new coordinator) keeps the count
     * it registered with when it claims more, so its weight cannot be raised after the fact; a new inbox (a
     * restarted client) is a new registration.
     */
    Announced announce(AnnounceClient a) {
        if (!admitted.test(a.clientId())) {
            refused++;
            return Announced.NOT_ADMITTED;
        }
        Entry previous = entries.get(a.clientId());
        if (previous != null && !previous.ref().equals(a.client()) && alive(previous.ref())) {
            refused++;
            return Announced.ID_TAKEN;
        }
        boolean sameInbox = previous != null && previous.ref().equals(a.client());
        int examples = sameInbox ? Math.min(previous.examples(), a.examples()) : a.examples();
        entries.put(a.clientId(), new Entry(a.client(), examples, a.testExamples(), a.capabilities()));
        return sameInbox ? Announced.UNCHANGED : Announced.REGISTERED;
    }

    /**
     * An inbox is alive until it leaves the listing. One never listed yet (an announcement can come before the
     * Receptionist's listing) counts as alive, so an impostor cannot overtake a member that just announced.
     */
    private boolean alive(ActorRef<ClientMessage> ref) {
        return listed.contains(ref) || !listedOnce.contains(ref);
    }

    /** Announcements refused so far (ids not admitted or taken). */
    long refused() {
        return refused;
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
