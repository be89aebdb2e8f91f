package io.flotilla.wire.protocol;

import io.flotilla.crypto.secagg.UnmaskRequest;
import io.flotilla.wire.ProtocolChecks;
import java.util.Set;
import java.util.TreeSet;

/**
 * Coordinator to the members whose masked input arrived (stage 2 result): the ascending indices of those
 * survivors. Each answers with {@link SecAggUnmaskAnswered}. The array is copied in and out.
 */
public record SecAggUnmaskRequest(int round, long session, int[] survivors) implements ClientMessage {

    public SecAggUnmaskRequest {
        ProtocolChecks.requireRound(round);
        survivors = SecAggChecks.ascendingIndices(survivors, "survivors");
    }

    /** The message for {@code request}. */
    public static SecAggUnmaskRequest of(int round, long session, UnmaskRequest request) {
        int[] ids = new int[request.survivors().size()];
        int i = 0;
        for (int s : request.survivors()) {
            ids[i++] = s;
        }
        return new SecAggUnmaskRequest(round, session, ids);
    }

    /** The request as the protocol state machine takes it. */
    public UnmaskRequest toUnmaskRequest() {
        Set<Integer> s = new TreeSet<>();
        for (int v : survivors) {
            s.add(v);
        }
        return new UnmaskRequest(s);
    }

    @Override
    public int[] survivors() {
        return survivors.clone();
    }
}
