package io.flotilla.model.encoding;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The blob format of the global parameters a round sends out: magic {@code "FLGP"}, version (int 1), value count
 * (int), then the values as little-endian float32. Layout names are not sent: both sides build the layout from the
 * model name, and the count is checked before anything is allocated.
 */
public final class GlobalParameters {
    private static final int MAGIC = 0x50474c46; // "FLGP" read little-endian
    private static final int VERSION = 1;
    private static final int HEADER = 12;

    private GlobalParameters() {
    }

    /** Encoded size of {@code values} parameters. */
    public static long encodedSize(int values) {
        return HEADER + 4L * values;
    }

    /** Encodes {@code values}; does not modify it. */
    public static byte[] encode(float[] values) {
        ByteBuffer b = ByteBuffer.allocate((int) encodedSize(values.length)).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(MAGIC).putInt(VERSION).putInt(values.length);
        b.asFloatBuffer().put(values);
        return b.array();
    }

    /**
     * Decodes untrusted bytes that must hold exactly {@code expectedValues} parameters.
     *
     * @throws IllegalArgumentException naming both sizes when they differ or the header is wrong
     */
    public static float[] decode(byte[] bytes, int expectedValues) {
        if (bytes.length < HEADER) {
            throw new IllegalArgumentException("parameter blob has " + bytes.length + " bytes, header needs "
                    + HEADER);
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int magic = b.getInt();
        if (magic != MAGIC) {
            throw new IllegalArgumentException("not a parameter blob: magic " + Integer.toHexString(magic));
        }
        int version = b.getInt();
        if (version != VERSION) {
            throw new IllegalArgumentException("unsupported parameter blob version " + version);
        }
        int count = b.getInt();
        if (count != expectedValues) {
            throw new IllegalArgumentException("parameter blob holds " + count + " values, model has "
                    + expectedValues);
        }
        if (4L * count != b.remaining()) {
            throw new IllegalArgumentException("parameter blob claims " + count + " values but " + b.remaining()
                    + " bytes follow");
        }
        float[] out = new float[count];
        b.asFloatBuffer().get(out);
        return out;
    }
}
