package io.flotilla.wire.protocol;

import io.flotilla.wire.ProtocolChecks;

/**
 * A client's loss and accuracy on its local test split; the coordinator averages them weighted by
 * {@code examples}. Aggregates only: no per-example data leaves the client.
 */
public record EvaluationReported(int round, String clientId, long modelVersion, int examples, double loss,
                                 double accuracy) implements CoordinatorMessage {

    public EvaluationReported {
        ProtocolChecks.requireRound(round);
        ProtocolChecks.requireId(clientId);
        if (examples < 0) {
            throw new IllegalArgumentException("examples must be >= 0, got " + examples);
        }
    }
}
