package io.flotilla.wire.protocol;

import akka.actor.typed.ActorRef;
import java.util.List;

/**
 * A client agent introduces itself to the coordinator; sent again whenever the agent sees a new coordinator
 * (after a restart or a singleton hand-over), so the coordinator's registry needs no persistence.
 *
 * @param clientId stable, unique name of the client
 * @param examples number of local training examples (its weight in federated averaging)
 * @param capabilities free-form features the client supports (model names, {@code security:none}, ...)
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
}
