package io.flotilla.coordinator;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which clients are still training for an earlier round, so that a round is offered only to clients that are free.
 * A member of round r is busy from its instruction until it answers for r (an update, a refusal other than
 * "busy", its masked input), leaves, or r's deadline plus a grace passes (a client that trains past its deadline
 * and then says "busy" is marked again). Times are {@link System#nanoTime()}. Not thread-safe: owned by the
 * coordinator actor.
 */
final class BusyClients {

    private record Mark(int round, long untilNanos) {
    }

    private final Map<String, Mark> marks = new HashMap<>();

    /** The members of {@code round} are busy until they answer for it, or until {@code untilNanos}. */
    void markBusy(Collection<String> ids, int round, long untilNanos) {
        for (String id : ids) {
            marks.put(id, new Mark(round, untilNanos));
        }
    }

    /** {@code id} answered for {@code round}: free, unless it has since been given a later round. */
    void answered(String id, int round) {
        Mark m = marks.get(id);
        if (m != null && m.round() <= round) {
            marks.remove(id);
        }
    }

    /** Forgets every client not in {@code known} (it left; a client that joins again starts free). */
    void retainOnly(Set<String> known) {
        marks.keySet().retainAll(known);
    }

    /** Whether {@code id} is busy at {@code nowNanos}. */
    boolean isBusy(String id, long nowNanos) {
        Mark m = marks.get(id);
        return m != null && nowNanos - m.untilNanos() < 0;
    }

    /** The ids of {@code available} that are free at {@code nowNanos}, in their order. */
    List<String> free(List<String> available, long nowNanos) {
        List<String> out = new ArrayList<>(available.size());
        for (String id : available) {
            if (!isBusy(id, nowNanos)) {
                out.add(id);
            }
        }
        return out;
    }

    /** Clients busy at {@code nowNanos}. */
    int busyCount(long nowNanos) {
        int n = 0;
        for (Mark m : marks.values()) {
            if (nowNanos - m.untilNanos() < 0) {
                n++;
            }
        }
        return n;
    }
}
