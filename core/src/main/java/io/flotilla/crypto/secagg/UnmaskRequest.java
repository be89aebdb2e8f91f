package io.flotilla.crypto.secagg;

import java.util.Set;
import java.util.TreeSet;

/** Stage 3, server to the survivors: the set U3 of clients whose masked input arrived. */
public record UnmaskRequest(Set<Integer> survivors) {
    public UnmaskRequest {
        survivors = java.util.Collections.unmodifiableSet(new TreeSet<>(survivors));
    }

    public long wireBytes() {
        return 4 + 4L * survivors.size();
    }
}
