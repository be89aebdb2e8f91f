package io.flotilla.wire.protocol;

/**
 * What a sealed update is bound to: a sealer authenticates these fields (as associated data in envelope mode),
 * an opener refuses a payload sealed under any other context. This is what stops replays across rounds, clients
 * and model versions.
 *
 * @param round the round
 * @param clientId the client
 * @param modelVersion the global model version trained from
 * @param globalSha256 hex SHA-256 of the global parameter blob trained from
 */
public record SealContext(int round, String clientId, long modelVersion, String globalSha256) {

    public SealContext {
        ProtocolChecks.requireRound(round);
        ProtocolChecks.requireId(clientId);
        if (globalSha256 == null) {
            throw new IllegalArgumentException("globalSha256 is required");
        }
    }
}
