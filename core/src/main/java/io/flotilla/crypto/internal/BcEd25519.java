package io.flotilla.crypto.internal;

import org.bouncycastle.math.ec.rfc8032.Ed25519;

/** Pure Ed25519 (RFC 8032) on BouncyCastle. */
public final class BcEd25519 {
    private BcEd25519() {
    }

    public static byte[] publicFromPrivate(byte[] seed) {
        byte[] pk = new byte[Ed25519.PUBLIC_KEY_SIZE];
        Ed25519.generatePublicKey(seed, 0, pk, 0);
        return pk;
    }

    public static byte[] sign(byte[] seed, byte[] pk, byte[] message) {
        byte[] sig = new byte[Ed25519.SIGNATURE_SIZE];
        Ed25519.sign(seed, 0, pk, 0, message, 0, message.length, sig, 0);
        return sig;
    }

    public static boolean verify(byte[] pk, byte[] signature, byte[] message) {
        if (signature.length != Ed25519.SIGNATURE_SIZE || pk.length != Ed25519.PUBLIC_KEY_SIZE) {
            return false;
        }
        return Ed25519.verify(signature, 0, pk, 0, message, 0, message.length);
    }
}
