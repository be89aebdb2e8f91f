package io.flotilla.crypto.secagg;

import io.flotilla.crypto.SecretBytes;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The PRG of the masks: AES-256-CTR keystream (JDK, hardware-accelerated) from a 32-byte seed and a zero counter
 * block, read as little-endian 32-bit words. Each seed is derived for one session, so the zero IV is never reused
 * with the same key on different data. Not thread-safe: one instance per thread.
 */
public final class AesCtrMaskGenerator implements MaskGenerator {
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final int CHUNK = 64 * 1024;
    private final byte[] zeros = new byte[CHUNK];
    private final byte[] stream = new byte[CHUNK];

    @Override
    public void addMaskInPlace(SecretBytes seed, int[] vector, int sign) {
        if (seed.size() != 32) {
            throw new IllegalArgumentException("mask seed has " + seed.size() + " bytes, expected 32");
        }
        if (sign != 1 && sign != -1) {
            throw new IllegalArgumentException("sign must be +1 or -1, got " + sign);
        }
        try {
            Cipher c = Cipher.getInstance("AES/CTR/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(seed.toByteArrayInsecure(), "AES"),
                    new IvParameterSpec(new byte[16]));
            int i = 0;
            while (i < vector.length) {
                int words = Math.min(CHUNK / 4, vector.length - i);
                c.update(zeros, 0, words * 4, stream, 0);
                if (sign > 0) {
                    for (int w = 0; w < words; w++) {
                        vector[i + w] += (int) INT_LE.get(stream, w * 4);
                    }
                } else {
                    for (int w = 0; w < words; w++) {
                        vector[i + w] -= (int) INT_LE.get(stream, w * 4);
                    }
                }
                i += words;
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-CTR unavailable", e);
        }
    }
}
