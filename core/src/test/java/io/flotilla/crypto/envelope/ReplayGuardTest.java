package io.flotilla.crypto.envelope;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flotilla.crypto.X25519PrivateKey;
import io.flotilla.crypto.X25519PublicKey;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class ReplayGuardTest {
    private final SecureRandom random = new SecureRandom();

    private X25519PublicKey key() {
        return X25519PrivateKey.generate(random).publicKey();
    }

    @Test
    void oneUpdatePerClientPerRoundAndNoEnvelopeTwice() {
        ReplayGuard g = new ReplayGuard();
        X25519PublicKey e1 = key();
        assertTrue(g.accept(1, "a", e1));
        assertFalse(g.accept(1, "a", key()));
        assertTrue(g.accept(1, "b", key()));
        assertTrue(g.accept(2, "a", key()));
        assertFalse(g.accept(3, "c", e1));
    }

    @Test
    void forgettingOldRoundsFreesTheirEntries() {
        ReplayGuard g = new ReplayGuard();
        X25519PublicKey e = key();
        assertTrue(g.accept(1, "a", e));
        g.forgetBefore(2);
        assertTrue(g.isFresh(1, "a", e));
    }
}
