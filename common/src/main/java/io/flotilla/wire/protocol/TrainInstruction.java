package io.flotilla.wire.protocol;

import akka.actor.typed.ActorRef;
import io.flotilla.fit.TrainConfig;
import io.flotilla.model.encoding.GlobalParameters;
import io.flotilla.wire.ProtocolChecks;
import io.flotilla.wire.SecurityMode;
import io.flotilla.wire.transfer.BlobRef;
import java.util.Arrays;
import java.util.Objects;

/**
 * The coordinator asks a cohort member to train one round from the global parameters.
 *
 * @param round round number, from 1
 * @param modelVersion version of the global model (number of aggregations applied so far)
 * @param model name of the model the parameters belong to; a client with another model refuses
 * @param parameterCount number of parameters, checked against the client's layout before fetching
 * @param parameters the serialized global parameters ({@link GlobalModelBlob}: dense, or sparse-encoded once the
 *     model is pruned; the client tells the two forms apart); its SHA-256 is the hash the update must be bound to
 * @param config local training hyperparameters
 * @param seed seed of this client's local training this round
 * @param deadlineEpochMillis when the coordinator stops waiting; a client that cannot finish may skip
 * @param mask pruning mask blob ({@link MaskBlob} bitmap; the client trains with pruned weights held at zero), or
 *     null when the model is dense
 * @param security how the update must be protected
 * @param replyTo where the update, refusal and evaluation go
 * @param roundKey the coordinator's public key of this round that the update must be sealed to (32-byte X25519
 *     key, {@code security = envelope}), or null in modes without one; copied in and out
 */
public record TrainInstruction(int round, long modelVersion, String model, int parameterCount, BlobRef parameters,
                               TrainConfig config, long seed, long deadlineEpochMillis, BlobRef mask,
                               SecurityMode security, ActorRef<CoordinatorMessage> replyTo, byte[] roundKey)
        implements ClientMessage {

    public TrainInstruction {
        ProtocolChecks.requireRound(round);
        if (modelVersion < 0) {
            throw new IllegalArgumentException("model version must be >= 0, got " + modelVersion);
        }
        if (model == null || model.isEmpty()) {
            throw new IllegalArgumentException("model name must not be empty");
        }
        if (parameterCount < 1) {
            throw new IllegalArgumentException("parameter count must be >= 1, got " + parameterCount);
        }
        if (parameters == null || config == null || security == null || replyTo == null) {
            throw new IllegalArgumentException("parameters, config, security and replyTo are required");
        }
        if (roundKey != null && roundKey.length != 32) {
            throw new IllegalArgumentException("round key has " + roundKey.length + " bytes, expected 32");
        }
        roundKey = roundKey == null ? null : roundKey.clone();
    }

    /** An instruction without a round key (security modes that need none). */
    public TrainInstruction(int round, long modelVersion, String model, int parameterCount, BlobRef parameters,
                            TrainConfig config, long seed, long deadlineEpochMillis, BlobRef mask,
                            SecurityMode security, ActorRef<CoordinatorMessage> replyTo) {
        this(round, modelVersion, model, parameterCount, parameters, config, seed, deadlineEpochMillis, mask,
                security, replyTo, null);
    }

    @Override
    public byte[] roundKey() {
        return roundKey == null ? null : roundKey.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrainInstruction t && round == t.round && modelVersion == t.modelVersion
                && model.equals(t.model) && parameterCount == t.parameterCount && parameters.equals(t.parameters)
                && config.equals(t.config) && seed == t.seed && deadlineEpochMillis == t.deadlineEpochMillis
                && Objects.equals(mask, t.mask) && security == t.security && replyTo.equals(t.replyTo)
                && Arrays.equals(roundKey, t.roundKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(round, modelVersion, model, parameterCount, parameters, config, seed,
                deadlineEpochMillis, mask, security, replyTo, Arrays.hashCode(roundKey));
    }
}
