package io.flotilla.wire.protocol;

import akka.actor.typed.ActorRef;
import io.flotilla.model.encoding.GlobalParameters;
import io.flotilla.wire.ProtocolChecks;
import io.flotilla.wire.transfer.BlobRef;

/**
 * The coordinator asks a client to evaluate global parameters on its local test split and answer with
 * {@link EvaluationReported}.
 *
 * @param round round whose model is evaluated
 * @param modelVersion version of those parameters
 * @param parameters the serialized parameters ({@link GlobalParameters} format)
 * @param replyTo where the result goes
 */
public record EvaluateRequest(int round, long modelVersion, BlobRef parameters, ActorRef<CoordinatorMessage> replyTo)
        implements ClientMessage {

    public EvaluateRequest {
        ProtocolChecks.requireRound(round);
        if (parameters == null || replyTo == null) {
            throw new IllegalArgumentException("parameters and replyTo are required");
        }
    }
}
