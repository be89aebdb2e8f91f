package io.flotilla.crypto.envelope;

/**
 * What the coordinator expects of every update in a round: federation, round, the model version it sent and the
 * SHA-256 of the global parameters it sent. The hash is copied in and out.
 */
public record RoundExpectation(String federationId, long round, long modelVersion, byte[] paramsSha256) {
    public RoundExpectation {
        if (federationId == null || federationId.isEmpty()) {
            throw new IllegalArgumentException("federationId must be non-empty");
        }
        if (paramsSha256.length != 32) {
            throw new IllegalArgumentException("parameter hash has " + paramsSha256.length + " bytes, expected 32");
        }
        paramsSha256 = paramsSha256.clone();
    }

    @Override
    public byte[] paramsSha256() {
        return paramsSha256.clone();
    }
}
