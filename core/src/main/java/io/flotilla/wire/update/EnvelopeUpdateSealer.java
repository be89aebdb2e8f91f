package io.flotilla.wire.update;

import io.flotilla.crypto.Ed25519PrivateKey;
import io.flotilla.crypto.SegmentedAeadParameters;
import io.flotilla.crypto.X25519PublicKey;
import io.flotilla.crypto.envelope.EnvelopeSealer;
import io.flotilla.crypto.envelope.RoundPublicKey;
import io.flotilla.crypto.envelope.SealedInPlace;
import io.flotilla.crypto.envelope.SealedUpdateCodec;
import io.flotilla.wire.ProtocolChecks;
import io.flotilla.wire.SecurityMode;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * {@code security = envelope}, client side: seals each {@link UpdatePayload} to the round's public key from the
 * {@code TrainInstruction} (ephemeral X25519, HKDF-SHA256, segmented AES-256-GCM) with associated data binding
 * federation, round, client id, model version and the global parameter hash, signs it with the client's Ed25519
 * identity key, and encodes it in the {@link SealedUpdateCodec} format. One per client; thread-safe.
 */
public final class EnvelopeUpdateSealer implements UpdateSealer {
    private final String clientId;
    private final EnvelopeSealer sealer;
    private final String federationId;

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
        this.federationId = federationId;
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
            return sealEncoded(key, context.modelVersion(), HexFormat.of().parseHex(context.globalSha256()), payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("sealing the update of round " + context.round() + " failed: "
                    + e.getMessage(), e);
        }
    }

    /**
     * The encoding of the sealed update, built in one array: the payload is written where its ciphertext will
     * lie, sealed in place, and the header written before it. A large delta thus costs one payload-sized array
     * rather than three (payload, ciphertext, encoding).
     */
    private byte[] sealEncoded(RoundPublicKey key, long modelVersion, byte[] paramsSha256, UpdatePayload payload)
            throws GeneralSecurityException {
        int payloadLength = payload.encodedLength();
        int prefix = SealedUpdateCodec.prefixSize(federationId, clientId);
        long ciphertext = sealer.ciphertextSize(payloadLength);
        if (prefix + ciphertext > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("an update of " + payloadLength + " bytes seals to more than the "
                    + "array limit");
        }
        byte[] out = new byte[(int) (prefix + ciphertext)];
        payload.writeTo(out, prefix + EnvelopeSealer.PAYLOAD_OFFSET);
        SealedInPlace sealed = sealer.sealInPlace(key, modelVersion, paramsSha256, out, prefix, payloadLength);
        SealedUpdateCodec.writePrefix(out, sealed, (int) ciphertext);
        return out;
    }
}
