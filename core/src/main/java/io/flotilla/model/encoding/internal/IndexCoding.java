package io.flotilla.model.encoding.internal;

import io.flotilla.model.MalformedEncodingException;


/**
 * Sorted index sets within {@code [0, size)}, written as whichever is smaller: gaps as varints (each index minus the
 * previous one minus one; the first is the index itself), or a bitmap of {@code ceil(size / 8)} bytes, least
 * significant bit first, padding bits zero. The caller writes the count before the indices.
 */
public final class IndexCoding {
    /** Mode byte for varint gaps. */
    public static final int GAPS = 1;
    /** Mode byte for a bitmap. */
    public static final int BITMAP = 2;

    private IndexCoding() {
    }

    /** Bytes of the gap encoding of {@code idx[0..n)}. */
    public static long gapBytes(int[] idx, int n) {
        long bytes = 0;
        int prev = -1;
        for (int i = 0; i < n; i++) {
            bytes += ByteWriter.varintSize(idx[i] - prev - 1);
            prev = idx[i];
        }
        return bytes;
    }

    public static int bitmapBytes(int size) {
        return (int) (((long) size + 7) / 8);
    }

    /** The cheaper mode for {@code idx[0..n)} in {@code [0, size)}. */
    public static int cheaperMode(int[] idx, int n, int size) {
        return gapBytes(idx, n) <= bitmapBytes(size) ? GAPS : BITMAP;
    }

    /** Writes {@code idx[0..n)} (strictly increasing, below {@code size}) in {@code mode}. */
    public static void write(ByteWriter w, int mode, int[] idx, int n, int size) {
        if (mode == GAPS) {
            int prev = -1;
            for (int i = 0; i < n; i++) {
                w.writeVarint(idx[i] - prev - 1);
                prev = idx[i];
            }
        } else if (mode == BITMAP) {
            byte[] bits = new byte[bitmapBytes(size)];
            for (int i = 0; i < n; i++) {
                bits[idx[i] >>> 3] |= (byte) (1 << (idx[i] & 7));
            }
            w.writeBytes(bits, 0, bits.length);
        } else {
            throw new IllegalArgumentException("unknown index mode " + mode);
        }
    }

    /**
     * Reads {@code n} strictly increasing indices below {@code size} in {@code mode} into {@code out[0..n)}.
     * The caller has checked {@code n <= size} and allocated {@code out} accordingly.
     */
    public static void read(ByteReader r, int mode, int[] out, int n, int size, String what) {
        if (mode == GAPS) {
            r.require(n, what + " index gaps");
            long prev = -1;
            for (int i = 0; i < n; i++) {
                long index = prev + 1 + r.readVarint(what + " index gap");
                if (index >= size) {
                    throw new MalformedEncodingException(
                            what + ": index " + index + " (entry " + i + ") outside size " + size);
                }
                out[i] = (int) index;
                prev = index;
            }
        } else if (mode == BITMAP) {
            int bytes = bitmapBytes(size);
            r.require(bytes, what + " bitmap");
            byte[] a = r.array();
            int base = r.position();
            int count = 0;
            for (int b = 0; b < bytes; b++) {
                int v = a[base + b] & 0xFF;
                while (v != 0) {
                    int bit = Integer.numberOfTrailingZeros(v);
                    int index = (b << 3) + bit;
                    if (index >= size) {
                        throw new MalformedEncodingException(what + ": bitmap padding bit " + index + " set, size "
                                + size);
                    }
                    if (count == n) {
                        throw new MalformedEncodingException(what + ": bitmap has more than the declared " + n
                                + " indices");
                    }
                    out[count++] = index;
                    v &= v - 1;
                }
            }
            if (count != n) {
                throw new MalformedEncodingException(what + ": bitmap has " + count + " indices, declared " + n);
            }
            r.skip(bytes, what + " bitmap");
        } else {
            throw new MalformedEncodingException(what + ": unknown index mode " + mode);
        }
    }
}
