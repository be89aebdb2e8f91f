package io.flotilla.crypto.envelope;

import io.flotilla.crypto.X25519PublicKey;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * What a sealed update claims to be: its federation, round, client, model version, the SHA-256 of the global
 * parameters it was trained from, and the round key it was sealed to. All of it is authenticated twice: as
 * associated data of the ciphertext and under the client's signature. The hash array is copied in and out.
 */
public record UpdateHeader(String federationId, long round, String clientId, long modelVersion,
                           byte[] paramsSha256, X25519PublicKey recipient) {
    /** Longest federation or client id, in UTF-8 bytes. */
    public static final int MAX_ID_BYTES = 256;

    public UpdateHeader {
        checkId("federationId", federationId);
        checkId("clientId", clientId);
        if (round < 0 || modelVersion < 0) {
            throw new IllegalArgumentException("round " + round + " and model version " + modelVersion
                    + " must be non-negative");
        }
        if (paramsSha256.length != 32) {
            throw new IllegalArgumentException("parameter hash has " + paramsSha256.length + " bytes, expected 32");
        }
        paramsSha256 = paramsSha256.clone();
        if (recipient == null) {
            throw new IllegalArgumentException("recipient key is required");
        }
    }

    private static void checkId(String name, String id) {
        if (id == null || id.isEmpty()) {
            throw new IllegalArgumentException(name + " must be non-empty");
        }
        int len = id.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (len > MAX_ID_BYTES) {
            throw new IllegalArgumentException(name + " has " + len + " bytes, maximum " + MAX_ID_BYTES);
        }
    }

    @Override
    public byte[] paramsSha256() {
        return paramsSha256.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UpdateHeader h && h.federationId.equals(federationId) && h.round == round
                && h.clientId.equals(clientId) && h.modelVersion == modelVersion
                && Arrays.equals(h.paramsSha256, paramsSha256) && h.recipient.equals(recipient);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(round) * 31 + clientId.hashCode();
    }

    @Override
    public String toString() {
        return "UpdateHeader[federation=" + federationId + ", round=" + round + ", client=" + clientId
                + ", modelVersion=" + modelVersion + ", params=" + HexFormat.of().formatHex(paramsSha256, 0, 8)
                + "...]";
    }
}
