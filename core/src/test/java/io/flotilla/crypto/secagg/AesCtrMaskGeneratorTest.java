package io.flotilla.crypto.secagg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.flotilla.crypto.SecretBytes;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class AesCtrMaskGeneratorTest {
    private final SecretBytes seed = SecretBytes.copyFrom(new byte[] {
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30,
        31, 32});

    @Test
    void matchesANaiveKeystreamReadingAcrossChunkBoundaries() throws Exception {
        int n = 40_000;
        Cipher c = Cipher.getInstance("AES/CTR/NoPadding");
        c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(seed.toByteArrayInsecure(), "AES"),
                new IvParameterSpec(new byte[16]));
        ByteBuffer ks = ByteBuffer.wrap(c.doFinal(new byte[4 * n])).order(ByteOrder.LITTLE_ENDIAN);
        int[] v = new int[n];
        for (int i = 0; i < n; i++) {
            v[i] = i;
        }
        new AesCtrMaskGenerator().addMaskInPlace(seed, v, 1);
        for (int i = 0; i < n; i++) {
            assertEquals(i + ks.getInt(), v[i], "word " + i);
        }
    }

    @Test
    void subtractingTheSameMaskRestoresTheInput() {
        int[] v = {0, 1, -1, Integer.MAX_VALUE, Integer.MIN_VALUE};
        int[] orig = v.clone();
        AesCtrMaskGenerator g = new AesCtrMaskGenerator();
        g.addMaskInPlace(seed, v, 1);
        g.addMaskInPlace(seed, v, -1);
        assertArrayEquals(orig, v);
    }
}
