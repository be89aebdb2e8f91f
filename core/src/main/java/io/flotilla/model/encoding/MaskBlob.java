package io.flotilla.model.encoding;

import io.flotilla.model.ModelLayout;
import io.flotilla.model.ParameterMask;

/**
 * The blob of a round's pruning mask: one bit per parameter, so it costs {@code n / 8} bytes whatever the sparsity
 * (a sixteenth of the 80%-sparse parameters it travels with). Format: magic {@code "FMK1"}, parameter count (int32
 * LE), then {@code ceil(n / 8)} bytes, bit {@code i % 8} of byte {@code i / 8} set when parameter {@code i} is kept,
 * padding bits zero. The decoder also accepts the older form, a {@link SparseEncoding} of the 0/1 vector.
 */
public final class MaskBlob {
    private static final int HEADER = 8;

    private MaskBlob() {
    }

    /** Encodes {@code mask}. */
    public static byte[] encode(ParameterMask mask) {
        float[] keep = mask.keepValues();
        int n = keep.length;
        byte[] out = new byte[HEADER + (n + 7) / 8];
        out[0] = 'F';
        out[1] = 'M';
        out[2] = 'K';
        out[3] = '1';
        out[4] = (byte) n;
        out[5] = (byte) (n >>> 8);
        out[6] = (byte) (n >>> 16);
        out[7] = (byte) (n >>> 24);
        for (int i = 0; i < n; i++) {
            if (keep[i] != 0f) {
                out[HEADER + (i >>> 3)] |= (byte) (1 << (i & 7));
            }
        }
        return out;
    }

    /** Largest mask blob a client accepts for {@code layout} (the older sparse form is the larger). */
    public static long maxEncodedSize(ModelLayout layout) {
        return Math.max(HEADER + (layout.totalSize() + 7L) / 8,
                4L * layout.totalSize() + 16L * layout.tensorCount() + 64);
    }

    /**
     * Decodes untrusted bytes into a mask of {@code layout}.
     *
     * @throws IllegalArgumentException naming the sizes when the bytes are not a mask of this layout
     */
    public static ParameterMask decode(byte[] bytes, ModelLayout layout) {
        int n = layout.totalSize();
        if (bytes.length >= 4 && bytes[0] == 'F' && bytes[1] == 'S' && bytes[2] == 'P' && bytes[3] == '1') {
            return ParameterMask.of(layout, SparseEncoding.decode(bytes, layout).values());
        }
        if (bytes.length < HEADER || bytes[0] != 'F' || bytes[1] != 'M' || bytes[2] != 'K' || bytes[3] != '1') {
            throw new IllegalArgumentException("not a mask blob (" + bytes.length + " bytes, bad magic)");
        }
        int count = (bytes[4] & 0xFF) | (bytes[5] & 0xFF) << 8 | (bytes[6] & 0xFF) << 16 | (bytes[7] & 0xFF) << 24;
        if (count != n) {
            throw new IllegalArgumentException("mask blob covers " + count + " parameters, layout has " + n);
        }
        long expected = HEADER + (n + 7L) / 8;
        if (bytes.length != expected) {
            throw new IllegalArgumentException("mask blob of " + n + " parameters needs " + expected + " bytes, got "
                    + bytes.length);
        }
        if (n % 8 != 0 && (bytes[bytes.length - 1] & 0xFF) >>> (n % 8) != 0) {
            throw new IllegalArgumentException("mask blob has padding bits set after parameter " + n);
        }
        float[] keep = new float[n];
        for (int i = 0; i < n; i++) {
            keep[i] = (bytes[HEADER + (i >>> 3)] >>> (i & 7) & 1) == 1 ? 1f : 0f;
        }
        return ParameterMask.of(layout, keep);
    }
}
