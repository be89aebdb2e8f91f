package io.flotilla.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class HkdfTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void rfc5869TestCase1() {
        byte[] ikm = new byte[22];
        Arrays.fill(ikm, (byte) 0x0b);
        SecretBytes okm = Hkdf.sha256(SecretBytes.copyFrom(ikm), HEX.parseHex("000102030405060708090a0b0c"),
                HEX.parseHex("f0f1f2f3f4f5f6f7f8f9"), 42);
        assertEquals("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865",
                HEX.formatHex(okm.toByteArrayInsecure()));
    }

    @Test
    void outputLengthIsBounded() {
        SecretBytes ikm = SecretBytes.copyFrom(new byte[32]);
        assertThrows(IllegalArgumentException.class, () -> Hkdf.sha256(ikm, new byte[0], new byte[0], 0));
        assertThrows(IllegalArgumentException.class, () -> Hkdf.sha256(ikm, new byte[0], new byte[0], 255 * 32 + 1));
    }
}
