package io.flotilla.wire.protocol;

import io.flotilla.crypto.Ed25519PrivateKey;
import io.flotilla.crypto.SegmentedAeadParameters;
import io.flotilla.crypto.X25519PublicKey;
import io.flotilla.crypto.envelope.EnvelopeSealer;
import io.flotilla.crypto.envelope.RoundPublicKey;
import io.flotilla.crypto.envelope.SealedUpdateCodec;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * {@code security = envelope}, client side: seals each {@link UpdatePayload} to the round's public key from the
 * {@link TrainInstruction} (ephemeral X25519, HKDF-SHA256, segmented AES-256-GCM) with associated data binding
 * federation, round, client id, model version and the global parameter hash, signs it with the client's Ed25519
 * identity key, and encodes it with {@link SealedUpdateCodec}. One per client; thread-safe.
 */
public final class EnvelopeUpdateSealer implements UpdateSealer {
    private final String clientId;
    private final EnvelopeSealer sealer;
    private final SealedUpdateCodec codec = new SealedUpdateCodec(Integer.MAX_VALUE - 1024);

    /**
     * A sealer for {@code clientId} of {@code federationId}, signing with {@code identity} (whose public key the
     * coordinator has enrolled under {@code clientId}).
     */
    public EnvelopeUpdateSealer(String federationId, String clientId, Ed25519PrivateKey identity,
                                SegmentedAeadParameters parameters, SecureRandom random) {
        ProtocolChecks.requireId(clientId);
        if (federationId == null || federationId.isEmpty() || identity == null || parameters == null
                || random == null) {
            throw new IllegalArgumentException("federation id, identity key, parameters and random are required");
        }
        this.clientId = clientId;
        this.sealer = new EnvelopeSealer(federationId, clientId, identity, parameters, random);
    }

    @Override
    public SecurityMode mode() {
        return SecurityMode.ENVELOPE;
    }

    @Override
    public byte[] seal(UpdatePayload payload, SealContext context) {
        if (!context.clientId().equals(clientId) || !payload.clientId().equals(clientId)
                || payload.round() != context.round() || payload.modelVersion() != context.modelVersion()) {
            throw new IllegalArgumentException("payload (round " + payload.round() + ", " + payload.clientId()
                    + ", version " + payload.modelVersion() + ") does not match its context " + context
                    + " or this sealer's client " + clientId);
        }
        byte[] roundKey = context.roundKey();
        if (roundKey == null) {
            throw new IllegalArgumentException("security = envelope needs the round key, but the instruction of round "
                    + context.round() + " carries none");
        }
        try {
            RoundPublicKey key = new RoundPublicKey(context.round(), X25519PublicKey.fromBytes(roundKey));
            return codec.encode(sealer.seal(key, context.modelVersion(), HexFormat.of().parseHex(context.globalSha256()),
                    payload.toBytes()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("sealing the update of round " + context.round() + " failed: "
                    + e.getMessage(), e);
        }
    }
}
