package io.flotilla.crypto;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class Ed25519PublicKeyTest {
    private final SecureRandom random = new SecureRandom();
    private final byte[] message = "update".getBytes(StandardCharsets.UTF_8);

    @Test
    void flippedSignatureBitIsRejected() throws GeneralSecurityException {
        Ed25519PrivateKey k = Ed25519PrivateKey.generate(random);
        byte[] sig = k.sign(message);
        k.publicKey().verify(sig, message);
        for (int bit : new int[] {0, 255, 256, 511}) {
            byte[] bad = sig.clone();
            bad[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThrows(GeneralSecurityException.class, () -> k.publicKey().verify(bad, message));
        }
    }

    @Test
    void otherKeyOrOtherMessageIsRejected() {
        Ed25519PrivateKey k = Ed25519PrivateKey.generate(random);
        Ed25519PrivateKey other = Ed25519PrivateKey.generate(random);
        byte[] sig = k.sign(message);
        assertThrows(GeneralSecurityException.class, () -> other.publicKey().verify(sig, message));
        assertThrows(GeneralSecurityException.class, () -> k.publicKey().verify(sig, new byte[] {1}));
        assertThrows(GeneralSecurityException.class, () -> k.publicKey().verify(new byte[63], message));
    }
}
