package io.flotilla.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class AesGcmAeadTest {
    private static final HexFormat HEX = HexFormat.of();
    private final SecureRandom random = new SecureRandom();

    /** McGrew and Viega, "The Galois/Counter Mode of Operation", test case 16 (AES-256, 60-byte P, 20-byte A). */
    @Test
    void gcmSpecTestCase16() throws GeneralSecurityException {
        SecretBytes key = SecretBytes.copyFrom(
                HEX.parseHex("feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308"));
        byte[] out = AesGcmAead.encryptWithNonceInsecure(key, HEX.parseHex("cafebabefacedbaddecaf888"),
                HEX.parseHex("d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
                        + "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39"),
                HEX.parseHex("feedfacedeadbeeffeedfacedeadbeefabaddad2"));
        assertEquals("522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
                + "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662"
                + "76fc6ece0f4e1768cddf8853bb2d551b", HEX.formatHex(out));
    }

    /** Test case 14: AES-256, zero key, zero nonce, one zero block. */
    @Test
    void gcmSpecTestCase14() throws GeneralSecurityException {
        byte[] out = AesGcmAead.encryptWithNonceInsecure(SecretBytes.copyFrom(new byte[32]), new byte[12],
                new byte[16], new byte[0]);
        assertEquals("cea7403d4d606b6e074ec5d3baf39d18d0d1c8a799996bf0265b98b5d48ab919", HEX.formatHex(out));
    }

    @Test
    void roundTripsAndRejectsEveryTampering() throws GeneralSecurityException {
        AesGcmAead aead = new AesGcmAead(SecretBytes.random(32, random), random);
        byte[] pt = "share for client 7".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] ad = {1, 2, 3};
        byte[] ct = aead.encrypt(pt, ad);
        assertArrayEquals(pt, aead.decrypt(ct, ad));
        for (int i = 0; i < ct.length; i++) {
            byte[] bad = ct.clone();
            bad[i] ^= 0x01;
            assertThrows(GeneralSecurityException.class, () -> aead.decrypt(bad, ad));
        }
        assertThrows(GeneralSecurityException.class, () -> aead.decrypt(ct, new byte[] {1, 2, 4}));
        assertThrows(GeneralSecurityException.class, () -> aead.decrypt(new byte[27], ad));
        AesGcmAead other = new AesGcmAead(SecretBytes.random(32, random), random);
        assertThrows(GeneralSecurityException.class, () -> other.decrypt(ct, ad));
    }
}
