package io.flotilla.crypto.envelope;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.flotilla.crypto.X25519PrivateKey;
import io.flotilla.crypto.X25519PublicKey;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class UpdateHeaderTest {
    private final X25519PublicKey key = X25519PrivateKey.generate(new SecureRandom()).publicKey();

    @Test
    void validatesAndCopiesTheHash() {
        byte[] hash = new byte[32];
        UpdateHeader h = new UpdateHeader("f", 1, "c", 2, hash, key);
        hash[0] = 1;
        assertArrayEquals(new byte[32], h.paramsSha256());
        h.paramsSha256()[0] = 1;
        assertArrayEquals(new byte[32], h.paramsSha256());
        assertEquals(h, new UpdateHeader("f", 1, "c", 2, new byte[32], key));
    }

    @Test
    void badFieldsAreRefusedWithSizes() {
        assertEquals("parameter hash has 31 bytes, expected 32", assertThrows(IllegalArgumentException.class,
                () -> new UpdateHeader("f", 1, "c", 2, new byte[31], key)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new UpdateHeader("", 1, "c", 2, new byte[32], key));
        assertThrows(IllegalArgumentException.class,
                () -> new UpdateHeader("f", 1, "c".repeat(257), 2, new byte[32], key));
        assertThrows(IllegalArgumentException.class, () -> new UpdateHeader("f", -1, "c", 2, new byte[32], key));
    }
}
