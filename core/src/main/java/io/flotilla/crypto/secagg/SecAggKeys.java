package io.flotilla.crypto.secagg;

import io.flotilla.crypto.Hkdf;
import io.flotilla.crypto.SecretBytes;
import io.flotilla.crypto.X25519PrivateKey;
import io.flotilla.crypto.X25519PublicKey;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

/** Key derivations shared by client and server, each bound to its purpose, the session and the pair. */
final class SecAggKeys {
    private SecAggKeys() {
    }

    /** The X25519 mask key of a client, derived from the 16-byte seed that is secret-shared. */
    static X25519PrivateKey maskKey(SecretBytes seed) {
        return X25519PrivateKey.fromSecret(Hkdf.sha256(seed, new byte[0],
                "flotilla-secagg-mask-key".getBytes(StandardCharsets.US_ASCII), 32));
    }

    /** The PRG seed of a client's self mask. */
    static SecretBytes selfMaskSeed(SecretBytes seed, long session) {
        return Hkdf.sha256(seed, longBytes(session), "flotilla-secagg-self".getBytes(StandardCharsets.US_ASCII), 32);
    }

    /** The PRG seed of the pairwise mask of u and v: the same from either side. */
    static SecretBytes pairSeed(X25519PrivateKey mine, X25519PublicKey theirs, long session, int u, int v)
            throws GeneralSecurityException {
        SecretBytes shared = mine.agree(theirs);
        return Hkdf.sha256(shared, pairSalt(session, u, v),
                "flotilla-secagg-pair".getBytes(StandardCharsets.US_ASCII), 32);
    }

    /** The AES-GCM key under which u and v exchange shares. */
    static SecretBytes channelKey(X25519PrivateKey mine, X25519PublicKey theirs, long session, int u, int v)
            throws GeneralSecurityException {
        SecretBytes shared = mine.agree(theirs);
        return Hkdf.sha256(shared, pairSalt(session, u, v),
                "flotilla-secagg-channel".getBytes(StandardCharsets.US_ASCII), 32);
    }

    /** Associated data of a share ciphertext from {@code from} to {@code to}. */
    static byte[] shareAd(long session, int from, int to) {
        return ByteBuffer.allocate(16).putLong(session).putInt(from).putInt(to).array();
    }

    private static byte[] pairSalt(long session, int u, int v) {
        return ByteBuffer.allocate(16).putLong(session).putInt(Math.min(u, v)).putInt(Math.max(u, v)).array();
    }

    private static byte[] longBytes(long v) {
        return ByteBuffer.allocate(8).putLong(v).array();
    }
}
