package io.flotilla.crypto.envelope;

import io.flotilla.crypto.X25519PublicKey;

/**
 * A sealed, signed update as it travels: header, the client's ephemeral X25519 public key, the segmented
 * AES-GCM ciphertext and the Ed25519 signature. The signature is copied; the ciphertext is NOT copied because it
 * is as large as the model (hundreds of MB): treat the array as immutable once it is in a record.
 */
public record SealedUpdate(UpdateHeader header, X25519PublicKey ephemeralKey, byte[] ciphertext, byte[] signature) {
    public static final int SIGNATURE_SIZE = 64;

    public SealedUpdate {
        if (header == null || ephemeralKey == null || ciphertext == null || signature == null) {
            throw new IllegalArgumentException("header, ephemeral key, ciphertext and signature are required");
        }
        if (signature.length != SIGNATURE_SIZE) {
            throw new IllegalArgumentException("signature has " + signature.length + " bytes, expected "
                    + SIGNATURE_SIZE);
        }
        signature = signature.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    @Override
    public String toString() {
        return "SealedUpdate[" + header + ", " + ciphertext.length + " bytes]";
    }
}
