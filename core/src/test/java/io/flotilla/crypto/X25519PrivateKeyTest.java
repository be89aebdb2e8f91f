package io.flotilla.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class X25519PrivateKeyTest {
    private static final HexFormat HEX = HexFormat.of();

    private static X25519PrivateKey key(String hex) {
        return X25519PrivateKey.fromSecret(SecretBytes.copyFrom(HEX.parseHex(hex)));
    }

    @Test
    void rfc7748Section52FirstVector() throws GeneralSecurityException {
        X25519PrivateKey k = key("a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4");
        X25519PublicKey u = X25519PublicKey.fromBytes(
                HEX.parseHex("e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c"));
        assertEquals("c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552",
                HEX.formatHex(k.agree(u).toByteArrayInsecure()));
    }

    @Test
    void rfc7748Section6AliceAndBob() throws GeneralSecurityException {
        X25519PrivateKey alice = key("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
        X25519PrivateKey bob = key("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb");
        assertEquals("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a",
                HEX.formatHex(alice.publicKey().toBytes()));
        assertEquals("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f",
                HEX.formatHex(bob.publicKey().toBytes()));
        String shared = "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742";
        assertEquals(shared, HEX.formatHex(alice.agree(bob.publicKey()).toByteArrayInsecure()));
        assertEquals(shared, HEX.formatHex(bob.agree(alice.publicKey()).toByteArrayInsecure()));
    }

    @Test
    void generatedKeysAgree() throws GeneralSecurityException {
        SecureRandom r = new SecureRandom();
        X25519PrivateKey a = X25519PrivateKey.generate(r);
        X25519PrivateKey b = X25519PrivateKey.generate(r);
        assertArrayEquals(a.agree(b.publicKey()).toByteArrayInsecure(), b.agree(a.publicKey()).toByteArrayInsecure());
        assertFalse(a.publicKey().equals(b.publicKey()));
    }

    @Test
    void lowOrderPeerKeyIsRejected() {
        X25519PrivateKey a = X25519PrivateKey.generate(new SecureRandom());
        X25519PublicKey zero = X25519PublicKey.fromBytes(new byte[32]);
        assertThrows(GeneralSecurityException.class, () -> a.agree(zero));
    }

    @Test
    void wrongSizesAreRefusedWithBothSizes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> X25519PublicKey.fromBytes(new byte[31]));
        assertEquals("X25519 public key has 31 bytes, expected 32", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> X25519PrivateKey.fromSecret(SecretBytes.copyFrom(new byte[16])));
    }

    @Test
    void toStringHidesTheSecret() {
        X25519PrivateKey k = key("a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4");
        assertFalse(k.toString().contains("a546e36b"));
    }
}
