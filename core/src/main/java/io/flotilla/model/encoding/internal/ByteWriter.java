package io.flotilla.model.encoding.internal;

import java.util.Arrays;

/** A growable little-endian byte buffer with LEB128 varints. Not thread-safe. */
public final class ByteWriter {
    private byte[] buf;
    private int pos;

    public ByteWriter(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    private void ensure(int extra) {
        if (buf.length - pos < extra) {
            long want = Math.max((long) buf.length * 2, (long) pos + extra);
            if (want > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("encoding larger than 2 GiB: " + pos + " + " + extra + " bytes");
            }
            buf = Arrays.copyOf(buf, (int) want);
        }
    }

    public void writeByte(int b) {
        ensure(1);
        buf[pos++] = (byte) b;
    }

    public void writeBytes(byte[] src, int off, int len) {
        ensure(len);
        System.arraycopy(src, off, buf, pos, len);
        pos += len;
    }

    /** Unsigned LEB128 of a non-negative int: 1 to 5 bytes. */
    public void writeVarint(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("varint must be non-negative, got " + value);
        }
        ensure(5);
        while ((value & ~0x7F) != 0) {
            buf[pos++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        buf[pos++] = (byte) value;
    }

    public void writeFloat(float v) {
        ensure(4);
        int bits = Float.floatToRawIntBits(v);
        buf[pos++] = (byte) bits;
        buf[pos++] = (byte) (bits >>> 8);
        buf[pos++] = (byte) (bits >>> 16);
        buf[pos++] = (byte) (bits >>> 24);
    }

    /** Writes {@code values[idx[i]]} for {@code i < n}, or {@code values[off..off+n)} when {@code idx} is null. */
    public void writeFloats(float[] values, int[] idx, int off, int n) {
        ensure(4 * n);
        for (int i = 0; i < n; i++) {
            int bits = Float.floatToRawIntBits(idx == null ? values[off + i] : values[idx[i]]);
            buf[pos++] = (byte) bits;
            buf[pos++] = (byte) (bits >>> 8);
            buf[pos++] = (byte) (bits >>> 16);
            buf[pos++] = (byte) (bits >>> 24);
        }
    }

    public int size() {
        return pos;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, pos);
    }

    /** Bytes of the varint encoding of a non-negative int. */
    public static int varintSize(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("varint must be non-negative, got " + value);
        }
        int n = 1;
        while ((value & ~0x7F) != 0) {
            value >>>= 7;
            n++;
        }
        return n;
    }
}
