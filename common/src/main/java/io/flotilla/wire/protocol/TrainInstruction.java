package io.flotilla.wire.protocol;

import akka.actor.typed.ActorRef;
import io.flotilla.fit.TrainConfig;
import io.flotilla.model.encoding.GlobalParameters;
import io.flotilla.wire.ProtocolChecks;
import io.flotilla.wire.SecurityMode;
import io.flotilla.wire.terms.RoundTerms;
import io.flotilla.wire.terms.SignedRoundTerms;
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
 * @param signedTerms this instruction's {@link #terms terms} for its addressee, signed by the coordinator
 *     ({@link SignedRoundTerms} bytes, at most {@link #MAX_SIGNED_TERMS}), or null from a coordinator that does not
 *     sign (a client that verifies terms refuses it); copied in and out
 */
public record TrainInstruction(int round, long modelVersion, String model, int parameterCount, BlobRef parameters,
                               TrainConfig config, long seed, long deadlineEpochMillis, BlobRef mask,
                               SecurityMode security, ActorRef<CoordinatorMessage> replyTo, byte[] roundKey,
                               byte[] signedTerms)
        implements ClientMessage {
    /** Largest signed-terms encoding an instruction may carry. */
    public static final int MAX_SIGNED_TERMS = 5 + 4 + SignedRoundTerms.MAX_TERMS + 64 + 4
            + SignedRoundTerms.MAX_CERTIFICATE;

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
        if (signedTerms != null && (signedTerms.length == 0 || signedTerms.length > MAX_SIGNED_TERMS)) {
            throw new IllegalArgumentException("signed terms must be 1 to " + MAX_SIGNED_TERMS + " bytes, got "
                    + signedTerms.length);
        }
        roundKey = roundKey == null ? null : roundKey.clone();
        signedTerms = signedTerms == null ? null : signedTerms.clone();
    }

    /** An unsigned instruction. */
    public TrainInstruction(int round, long modelVersion, String model, int parameterCount, BlobRef parameters,
                            TrainConfig config, long seed, long deadlineEpochMillis, BlobRef mask,
                            SecurityMode security, ActorRef<CoordinatorMessage> replyTo, byte[] roundKey) {
        this(round, modelVersion, model, parameterCount, parameters, config, seed, deadlineEpochMillis, mask,
                security, replyTo, roundKey, null);
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
    public byte[] signedTerms() {
        return signedTerms == null ? null : signedTerms.clone();
    }

    /** This instruction carrying {@code signed} (the encoding of its signed terms). */
    public TrainInstruction withSignedTerms(SignedRoundTerms signed) {
        return new TrainInstruction(round, modelVersion, model, parameterCount, parameters, config, seed,
                deadlineEpochMillis, mask, security, replyTo, roundKey, signed.encode());
    }

    /**
     * The terms of this instruction for client {@code clientId} of {@code federation}: what the coordinator signs,
     * and what a client compares with the terms it verified (every field must be equal).
     */
    public RoundTerms terms(String federation, String clientId) {
        return new RoundTerms(federation, clientId, round, modelVersion, model, parameterCount, parameters.sha256(),
                parameters.size(), mask == null ? null : mask.sha256(), mask == null ? 0 : mask.size(), config, seed,
                deadlineEpochMillis, security.configName(), roundKey);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrainInstruction t && round == t.round && modelVersion == t.modelVersion
                && model.equals(t.model) && parameterCount == t.parameterCount && parameters.equals(t.parameters)
                && config.equals(t.config) && seed == t.seed && deadlineEpochMillis == t.deadlineEpochMillis
                && Objects.equals(mask, t.mask) && security == t.security && replyTo.equals(t.replyTo)
                && Arrays.equals(roundKey, t.roundKey) && Arrays.equals(signedTerms, t.signedTerms);
    }

    @Override
    public int hashCode() {
        return Objects.hash(round, modelVersion, model, parameterCount, parameters, config, seed,
                deadlineEpochMillis, mask, security, replyTo, Arrays.hashCode(roundKey),
                Arrays.hashCode(signedTerms));
    }
}
