package io.flotilla.crypto.envelope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flotilla.crypto.Ed25519PrivateKey;
import java.security.SecureRandom;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EnrolledKeysTest {
    private final SecureRandom random = new SecureRandom();

    @Test
    void enrolLookupAndRevoke() {
        EnrolledKeys keys = new EnrolledKeys();
        Ed25519PrivateKey a = Ed25519PrivateKey.generate(random);
        keys.enrol("a", a.publicKey());
        keys.enrol("a", a.publicKey());
        assertEquals(Optional.of(a.publicKey()), keys.lookup("a"));
        assertThrows(IllegalStateException.class,
                () -> keys.enrol("a", Ed25519PrivateKey.generate(random).publicKey()));
        keys.revoke("a");
        assertTrue(keys.lookup("a").isEmpty());
        assertEquals(0, keys.size());
    }
}
