package io.flotilla.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SecretBytesTest {
    @Test
    void holdsAPrivateCopy() {
        byte[] raw = {1, 2, 3};
        SecretBytes s = SecretBytes.copyFrom(raw);
        raw[0] = 9;
        assertArrayEquals(new byte[] {1, 2, 3}, s.toByteArrayInsecure());
        s.toByteArrayInsecure()[1] = 9;
        assertArrayEquals(new byte[] {1, 2, 3}, s.toByteArrayInsecure());
    }

    @Test
    void comparesByContentAndHidesBytesInToString() {
        SecretBytes a = SecretBytes.copyFrom(new byte[] {1, 2, 3});
        assertTrue(a.equalsConstantTime(SecretBytes.copyFrom(new byte[] {1, 2, 3})));
        assertFalse(a.equalsConstantTime(SecretBytes.copyFrom(new byte[] {1, 2, 4})));
        assertEquals("SecretBytes[3 bytes]", a.toString());
    }

    @Test
    void destroyZeroesTheSecret() {
        SecretBytes a = SecretBytes.copyFrom(new byte[] {1, 2, 3});
        a.destroy();
        assertArrayEquals(new byte[3], a.toByteArrayInsecure());
    }
}
