package io.flotilla.model.encoding.internal;

import io.flotilla.model.MalformedEncodingException;


/**
 * A bounds-checked reader of untrusted bytes: every read checks what is left first and fails with a
 * {@link MalformedEncodingException} naming both sizes, so a decoder never allocates from a count it has not
 * checked against the bytes actually present.
 */
public final class ByteReader {
    private final byte[] buf;
    private int pos;

    public ByteReader(byte[] buf) {
        this.buf = buf;
    }

    public int remaining() {
        return buf.length - pos;
    }

    public int position() {
        return pos;
    }

    /** Fails unless at least {@code n} bytes remain for {@code what}. */
    public void require(long n, String what) {
        if (n < 0 || n > remaining()) {
            throw new MalformedEncodingException(
                    what + " needs " + n + " bytes but only " + remaining() + " remain (of " + buf.length + ")");
        }
    }

    public int readByte(String what) {
        require(1, what);
        return buf[pos++] & 0xFF;
    }

    /** An unsigned LEB128 varint that must fit a non-negative int in at most 5 bytes, without overlong encodings. */
    public int readVarint(String what) {
        int value = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            int b = readByte(what);
            if (shift == 28 && (b & 0xF8) != 0) {
                throw new MalformedEncodingException(what + ": varint exceeds " + Integer.MAX_VALUE);
            }
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                if (b == 0 && shift > 0) {
                    throw new MalformedEncodingException(what + ": overlong varint");
                }
                return value;
            }
        }
        throw new MalformedEncodingException(what + ": varint longer than 5 bytes");
    }

    public float readFloat(String what) {
        require(4, what);
        int bits = (buf[pos] & 0xFF) | (buf[pos + 1] & 0xFF) << 8 | (buf[pos + 2] & 0xFF) << 16
                | (buf[pos + 3] & 0xFF) << 24;
        pos += 4;
        return Float.intBitsToFloat(bits);
    }

    /** Reads {@code n} floats into {@code out[idx[i]]}, or {@code out[off..off+n)} when {@code idx} is null. */
    public void readFloats(float[] out, int[] idx, int off, int n, String what) {
        require(4L * n, what);
        for (int i = 0; i < n; i++) {
            int bits = (buf[pos] & 0xFF) | (buf[pos + 1] & 0xFF) << 8 | (buf[pos + 2] & 0xFF) << 16
                    | (buf[pos + 3] & 0xFF) << 24;
            pos += 4;
            out[idx == null ? off + i : idx[i]] = Float.intBitsToFloat(bits);
        }
    }

    /** Copies {@code n} raw bytes into {@code out[off..off+n)}. */
    public void readBytes(byte[] out, int off, int n, String what) {
        require(n, what);
        System.arraycopy(buf, pos, out, off, n);
        pos += n;
    }

    /** The backing array and the current position, for decoders that scan a checked region in place. */
    public byte[] array() {
        return buf;
    }

    public void skip(int n, String what) {
        require(n, what);
        pos += n;
    }

    /** Fails if any byte is left. */
    public void requireEnd(String what) {
        if (remaining() != 0) {
            throw new MalformedEncodingException(what + ": " + remaining() + " trailing bytes after " + pos);
        }
    }
}
