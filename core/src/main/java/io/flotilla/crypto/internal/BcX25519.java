package io.flotilla.crypto.internal;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import org.bouncycastle.math.ec.rfc7748.X25519;

/** X25519 on BouncyCastle's constant-time RFC 7748 code. */
public final class BcX25519 {
    private BcX25519() {
    }

    public static byte[] generatePrivate(SecureRandom random) {
        byte[] k = new byte[X25519.SCALAR_SIZE];
        X25519.generatePrivateKey(random, k);
        return k;
    }

    public static byte[] publicFromPrivate(byte[] k) {
        byte[] p = new byte[X25519.POINT_SIZE];
        X25519.generatePublicKey(k, 0, p, 0);
        return p;
    }

    public static byte[] agree(byte[] k, byte[] peer) throws GeneralSecurityException {
        byte[] r = new byte[X25519.POINT_SIZE];
        if (!X25519.calculateAgreement(k, 0, peer, 0, r, 0)) {
            throw new GeneralSecurityException("X25519 agreement gave the all-zero secret (low-order peer key)");
        }
        return r;
    }
}
