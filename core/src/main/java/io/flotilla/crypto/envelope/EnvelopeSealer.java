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
    /** Where {@link #sealInPlace} expects the payload, relative to the ciphertext's offset. */
    public static final int PAYLOAD_OFFSET = AesGcmSegmentedAead.HEADER_SIZE;

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
        UpdateHeader header = header(roundKey, modelVersion, paramsSha256);
        X25519PrivateKey ephemeral = X25519PrivateKey.generate(random);
        SecretBytes key = envelopeKey(ephemeral, roundKey);
        try {
            AesGcmSegmentedAead aead = new AesGcmSegmentedAead(key, parameters, random);
            byte[] ciphertext = aead.encrypt(payload, EnvelopeFormat.associatedData(header));
            byte[] signature = sign(header, ephemeral, aead.tagDigest(ciphertext));
            return new SealedUpdate(header, ephemeral.publicKey(), ciphertext, signature);
        } finally {
            key.destroy();
        }
    }

    /**
     * Seals in place what {@link #seal} seals by copy: {@code buffer} holds the payload at {@code offset +
     * }{@link #PAYLOAD_OFFSET} on entry and the ciphertext of {@link #ciphertextSize} bytes at {@code offset} on
     * return, so that a client encoding its update into that buffer never allocates a second payload-sized array.
     */
    public SealedInPlace sealInPlace(RoundPublicKey roundKey, long modelVersion, byte[] paramsSha256, byte[] buffer,
                                     int offset, int payloadLength) throws GeneralSecurityException {
        UpdateHeader header = header(roundKey, modelVersion, paramsSha256);
        X25519PrivateKey ephemeral = X25519PrivateKey.generate(random);
        SecretBytes key = envelopeKey(ephemeral, roundKey);
        try {
            AesGcmSegmentedAead aead = new AesGcmSegmentedAead(key, parameters, random);
            aead.encryptInPlace(buffer, offset, payloadLength, EnvelopeFormat.associatedData(header));
            byte[] signature = sign(header, ephemeral,
                    aead.tagDigest(buffer, offset, (int) ciphertextSize(payloadLength)));
            return new SealedInPlace(header, ephemeral.publicKey(), signature);
        } finally {
            key.destroy();
        }
    }

    /** The ciphertext size of a payload of {@code payloadLength} bytes. */
    public long ciphertextSize(long payloadLength) {
        return AesGcmSegmentedAead.ciphertextSize(parameters, payloadLength);
    }

    private UpdateHeader header(RoundPublicKey roundKey, long modelVersion, byte[] paramsSha256) {
        return new UpdateHeader(federationId, roundKey.round(), clientId, modelVersion, paramsSha256, roundKey.key());
    }

    /** The per-update key: ephemeral X25519 agreement with the round key, then HKDF-SHA256. */
    private static SecretBytes envelopeKey(X25519PrivateKey ephemeral, RoundPublicKey roundKey)
            throws GeneralSecurityException {
        SecretBytes shared = ephemeral.agree(roundKey.key());
        try {
            return EnvelopeFormat.envelopeKey(shared, ephemeral.publicKey(), roundKey.key());
        } finally {
            shared.destroy();
        }
    }

    private byte[] sign(UpdateHeader header, X25519PrivateKey ephemeral, byte[] tagDigest) {
        return identity.sign(EnvelopeFormat.signedBytes(header, ephemeral.publicKey(), tagDigest));
    }
}
