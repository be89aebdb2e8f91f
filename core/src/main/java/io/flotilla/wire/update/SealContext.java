package io.flotilla.wire.update;

import io.flotilla.wire.ProtocolChecks;

/**
 * What a sealed update is bound to: a sealer authenticates these fields (as associated data in envelope mode),
 * an opener refuses a payload sealed under any other context. This is what stops replays across rounds, clients
 * and model versions.
 *
 * @param round the round
 * @param clientId the client
 * @param modelVersion the global model version trained from
 * @param globalSha256 hex SHA-256 of the global parameter blob trained from
 * @param roundKey the coordinator's public key for this round (32-byte X25519 key from the
 *     {@code TrainInstruction}), or null in modes without one; copied in and out
 */
public record SealContext(int round, String clientId, long modelVersion, String globalSha256, byte[] roundKey) {

    public SealContext {
        ProtocolChecks.requireRound(round);
        ProtocolChecks.requireId(clientId);
        if (globalSha256 == null) {
            throw new IllegalArgumentException("globalSha256 is required");
        }
        roundKey = roundKey == null ? null : roundKey.clone();
    }

    /** A context without a round key (modes that need none, and the coordinator side, which holds the pair). */
    public SealContext(int round, String clientId, long modelVersion, String globalSha256) {
        this(round, clientId, modelVersion, globalSha256, null);
    }

    @Override
    public byte[] roundKey() {
        return roundKey == null ? null : roundKey.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SealContext c && round == c.round && clientId.equals(c.clientId)
                && modelVersion == c.modelVersion && globalSha256.equals(c.globalSha256)
                && java.util.Arrays.equals(roundKey, c.roundKey);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(round, clientId, modelVersion, globalSha256, java.util.Arrays.hashCode(roundKey));
    }

    @Override
    public String toString() {
        return "SealContext[round=" + round + ", clientId=" + clientId + ", modelVersion=" + modelVersion
                + ", globalSha256=" + globalSha256 + ", roundKey=" + (roundKey == null ? "none" : "present") + "]";
    }
}
