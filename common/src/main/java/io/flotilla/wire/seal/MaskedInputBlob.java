package io.flotilla.wire.seal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The byte format of a masked input, which travels as a blob: magic {@code "FLSM"}, version (int 1), round (int),
 * session (long), client index (int), word count (int), then the words (little-endian int32, values in
 * Z_2^32). {@link #decode} checks every header field against what the receiving round expects and the exact
 * length before it allocates.
 */
public final class MaskedInputBlob {
    private static final int MAGIC = 0x4d534c46; // "FLSM" read little-endian
    private static final int VERSION = 1;
    /** Header bytes before the words. */
    public static final int HEADER = 4 + 4 + 4 + 8 + 4 + 4;

    private MaskedInputBlob() {
    }

    /** Size of the encoding of {@code words} words. */
    public static long encodedSize(int words) {
        return HEADER + 4L * words;
    }

    /** Encodes {@code masked} of client {@code index} in {@code round}'s session {@code session}. */
    public static byte[] encode(int round, long session, int index, int[] masked) {
        long size = encodedSize(masked.length);
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("masked input of " + masked.length + " words is too large");
        }
        ByteBuffer b = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(MAGIC).putInt(VERSION).putInt(round).putLong(session).putInt(index).putInt(masked.length);
        b.asIntBuffer().put(masked);
        return b.array();
    }

    /**
     * Decodes a masked input that must be client {@code index}'s for {@code round} and {@code session} with
     * exactly {@code words} words.
     *
     * @throws IllegalArgumentException naming the field, what it holds and what was expected
     */
    public static int[] decode(byte[] bytes, int round, long session, int index, int words) {
        if (words < 0) {
            throw new IllegalArgumentException("expected word count must be >= 0, got " + words);
        }
        if (bytes.length != encodedSize(words)) {
            throw new IllegalArgumentException("masked input has " + bytes.length + " bytes, expected "
                    + encodedSize(words) + " for " + words + " words");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int magic = b.getInt();
        int version = b.getInt();
        if (magic != MAGIC || version != VERSION) {
            throw new IllegalArgumentException("not a masked input (magic " + Integer.toHexString(magic)
                    + ", version " + version + ")");
        }
        int r = b.getInt();
        long s = b.getLong();
        int i = b.getInt();
        int n = b.getInt();
        if (r != round || s != session || i != index) {
            throw new IllegalArgumentException("masked input is bound to round " + r + ", client index " + i
                    + " and another session; expected round " + round + ", index " + index);
        }
        if (n != words) {
            throw new IllegalArgumentException("masked input claims " + n + " words, expected " + words);
        }
        int[] out = new int[words];
        b.asIntBuffer().get(out);
        return out;
    }
}
