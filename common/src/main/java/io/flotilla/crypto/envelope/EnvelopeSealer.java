package io.flotilla.crypto.envelope;

import io.flotilla.crypto.AesGcmSegmentedAead;
import io.flotilla.crypto.Ed25519PrivateKey;
import io.flotilla.crypto.SecretBytes;
import io.flotilla.crypto.SegmentedAeadParameters;
import io.flotilla.crypto.X25519PrivateKey;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

/**
 * The client side of envelope encryption: seals opaque payload bytes to a round's public key and signs the result
 * with the client's identity key. One sealer per client; thread-safe.
 */
public final class EnvelopeSealer {
    private final String federationId;
    private final String clientId;
    private final Ed25519PrivateKey identity;
    private final SegmentedAeadParameters parameters;
    private final SecureRandom random;

    public EnvelopeSealer(String federationId, String clientId, Ed25519PrivateKey identity,
                          SegmentedAeadParameters parameters, SecureRandom random) {
        this.federationId = federationId;
        this.clientId = clientId;
        this.identity = identity;
        this.parameters = parameters;
        this.random = random;
    }

    /**
     * Seals {@code payload} for {@code roundKey}'s round, trained from {@code modelVersion} whose parameters hash
     * to {@code paramsSha256}.
     */
    public SealedUpdate seal(RoundPublicKey roundKey, long modelVersion, byte[] paramsSha256, byte[] payload)
            throws GeneralSecurityException {
        UpdateHeader header = new UpdateHeader(federationId, roundKey.round(), clientId, modelVersion,
                paramsSha256, roundKey.key());
        X25519PrivateKey ephemeral = X25519PrivateKey.generate(random);
        SecretBytes shared = ephemeral.agree(roundKey.key());
        SecretBytes key = EnvelopeFormat.envelopeKey(shared, ephemeral.publicKey(), roundKey.key());
        shared.destroy();
        AesGcmSegmentedAead aead = new AesGcmSegmentedAead(key, parameters, random);
        byte[] ciphertext = aead.encrypt(payload, EnvelopeFormat.associatedData(header));
        byte[] signed = EnvelopeFormat.signedBytes(header, ephemeral.publicKey(), aead.tagDigest(ciphertext));
        key.destroy();
        return new SealedUpdate(header, ephemeral.publicKey(), ciphertext, identity.sign(signed));
    }
}
