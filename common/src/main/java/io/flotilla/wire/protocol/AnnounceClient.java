package io.flotilla.wire.protocol;

import akka.actor.typed.ActorRef;
import io.flotilla.wire.ProtocolChecks;
import java.util.List;

/**
 * A client agent introduces itself to the coordinator; sent again whenever the agent sees a new coordinator
 * (after a restart or a singleton hand-over), so the coordinator's registry needs no persistence.
 *
 * @param clientId stable, unique name of the client
 * @param examples number of local training examples (its weight in federated averaging)
 * @param capabilities free-form features the client supports (model names, {@code security:none}, ...); a client
 *     with a local test split announces its size as {@code test_examples:N} (see {@link #testExamples()})
 * @param client where training instructions go
 */
public record AnnounceClient(String clientId, int examples, List<String> capabilities, ActorRef<ClientMessage> client)
        implements CoordinatorMessage {

    public AnnounceClient {
        ProtocolChecks.requireId(clientId);
        if (examples < 0) {
            throw new IllegalArgumentException("examples must be >= 0, got " + examples);
        }
        capabilities = List.copyOf(capabilities);
        if (client == null) {
            throw new IllegalArgumentException("client ref must not be null");
        }
    }

    /** Capability prefix under which a client announces the size of its local test split. */
    public static final String TEST_EXAMPLES = "test_examples:";

    /**
     * The size of the client's local test split as announced in its capabilities, or -1 when not announced or not
     * a non-negative whole number: the coordinator's bound on the examples of its evaluation reports.
     */
    public int testExamples() {
        for (String c : capabilities) {
            if (c.startsWith(TEST_EXAMPLES)) {
                try {
                    int n = Integer.parseInt(c.substring(TEST_EXAMPLES.length()));
                    return n >= 0 ? n : -1;
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return -1;
    }
}
