package io.flotilla.wire.protocol;

import java.util.Map;

/**
 * Stage 2, member to coordinator: its masked input is published as a blob ({@link MaskedInputBlob} format,
 * fetched through the chunked transfer like any update), with the same aggregate figures an ordinary update
 * reports ({@code eval_accuracy}, {@code train_seconds}, ...); never the weight or the delta.
 */
public record SecAggInputSubmitted(int round, String clientId, int index, BlobRef payload,
                                   Map<String, Double> metrics) implements SecAggReport {

    public SecAggInputSubmitted {
        ProtocolChecks.requireRound(round);
        ProtocolChecks.requireId(clientId);
        SecAggChecks.requireIndex(index, "index");
        if (payload == null) {
            throw new IllegalArgumentException("payload is required");
        }
        metrics = Map.copyOf(metrics);
    }
}
