package io.flotilla.crypto.envelope;

import io.flotilla.crypto.X25519PublicKey;

/**
 * What {@link EnvelopeSealer#sealInPlace} returns: everything of a {@link SealedUpdate} but the ciphertext, which
 * stays in the caller's buffer. The signature is copied in and out.
 */
public record SealedInPlace(UpdateHeader header, X25519PublicKey ephemeralKey, byte[] signature) {

    public SealedInPlace {
        if (header == null || ephemeralKey == null || signature == null) {
            throw new IllegalArgumentException("header, ephemeral key and signature are required");
        }
        if (signature.length != SealedUpdate.SIGNATURE_SIZE) {
            throw new IllegalArgumentException("signature has " + signature.length + " bytes, expected "
                    + SealedUpdate.SIGNATURE_SIZE);
        }
        signature = signature.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }
}
