package io.flotilla.model.encoding;

import io.flotilla.model.MalformedEncodingException;
import io.flotilla.model.ModelLayout;
import io.flotilla.model.ParameterSet;
import io.flotilla.model.encoding.internal.ByteReader;
import io.flotilla.model.encoding.internal.ByteWriter;
import io.flotilla.model.encoding.internal.IndexCoding;

/**
 * The wire encoding of a (pruned) parameter set, so that bytes shrink with sparsity. Each tensor is written in the
 * cheapest of three forms: dense (every value), the non-zero values with their indices as varint gaps, or the
 * non-zero values with a bitmap of the non-zero positions.
 *
 * <pre>
 * "FSP1"                      magic, 4 bytes
 * varint tensorCount          must equal the receiver's layout
 * varint totalParameters      must equal the receiver's layout
 * per tensor, in layout order:
 *   byte mode                 0 dense, 1 gaps, 2 bitmap
 *   dense:  size x float32 LE
 *   sparse: varint nnz (&lt;= size), the indices (gaps or ceil(size/8) bitmap bytes), nnz x float32 LE
 * no trailing bytes
 * </pre>
 *
 * <p>The receiver decodes against the layout it already knows, so the output is allocated from the trusted layout
 * and every count read from the bytes is checked against both the layout and the bytes left before use. Zeros are
 * implicit: a {@code -0f} decodes as {@code +0f}. Values are not checked for finiteness here (the caller validates
 * parameters and deltas as usual).
 */
public final class SparseEncoding {
    private static final byte[] MAGIC = {'F', 'S', 'P', '1'};
    private static final int DENSE = 0;

    private SparseEncoding() {
    }

    /** Encodes {@code parameters}; its zeros cost nothing in the sparse forms. */
    public static byte[] encode(ParameterSet parameters) {
        ModelLayout layout = parameters.layout();
        float[] v = parameters.values();
        ByteWriter w = new ByteWriter(64 + v.length / 4);
        w.writeBytes(MAGIC, 0, 4);
        w.writeVarint(layout.tensorCount());
        w.writeVarint(layout.totalSize());
        int[] idx = null;
        for (int t = 0; t < layout.tensorCount(); t++) {
            int off = layout.offset(t);
            int size = layout.tensor(t).size();
            if (idx == null || idx.length < size) {
                idx = new int[size];
            }
            int nnz = 0;
            for (int i = 0; i < size; i++) {
                if (v[off + i] != 0f) {
                    idx[nnz++] = i;
                }
            }
            long gaps = ByteWriter.varintSize(nnz) + IndexCoding.gapBytes(idx, nnz) + 4L * nnz;
            long bitmap = ByteWriter.varintSize(nnz) + IndexCoding.bitmapBytes(size) + 4L * nnz;
            long dense = 4L * size;
            if (dense <= gaps && dense <= bitmap) {
                w.writeByte(DENSE);
                w.writeFloats(v, null, off, size);
            } else {
                int mode = gaps <= bitmap ? IndexCoding.GAPS : IndexCoding.BITMAP;
                w.writeByte(mode);
                w.writeVarint(nnz);
                IndexCoding.write(w, mode, idx, nnz, size);
                for (int i = 0; i < nnz; i++) {
                    idx[i] += off;
                }
                w.writeFloats(v, idx, 0, nnz);
            }
        }
        return w.toByteArray();
    }

    /** Decodes bytes from {@link #encode} for {@code layout}; throws {@link MalformedEncodingException} otherwise. */
    public static ParameterSet decode(byte[] bytes, ModelLayout layout) {
        ByteReader r = new ByteReader(bytes);
        r.require(4, "sparse parameters magic");
        for (int i = 0; i < 4; i++) {
            if (r.readByte("magic") != MAGIC[i]) {
                throw new MalformedEncodingException("not a sparse parameter encoding (bad magic)");
            }
        }
        int tensors = r.readVarint("tensor count");
        if (tensors != layout.tensorCount()) {
            throw new MalformedEncodingException(
                    "encoding has " + tensors + " tensors, layout has " + layout.tensorCount());
        }
        int total = r.readVarint("parameter count");
        if (total != layout.totalSize()) {
            throw new MalformedEncodingException(
                    "encoding has " + total + " parameters, layout has " + layout.totalSize());
        }
        float[] out = new float[layout.totalSize()];
        int[] idx = null;
        for (int t = 0; t < tensors; t++) {
            String what = "tensor " + layout.tensor(t).name();
            int off = layout.offset(t);
            int size = layout.tensor(t).size();
            int mode = r.readByte(what + " mode");
            if (mode == DENSE) {
                r.readFloats(out, null, off, size, what + " dense values");
                continue;
            }
            if (mode != IndexCoding.GAPS && mode != IndexCoding.BITMAP) {
                throw new MalformedEncodingException(what + ": unknown mode " + mode);
            }
            int nnz = r.readVarint(what + " non-zero count");
            if (nnz > size) {
                throw new MalformedEncodingException(what + ": " + nnz + " non-zeros in a tensor of " + size);
            }
            // every index costs at least one byte (gaps) or the bitmap, every value four: check before allocating
            long minBytes = 4L * nnz + (mode == IndexCoding.GAPS ? nnz : IndexCoding.bitmapBytes(size));
            r.require(minBytes, what + " indices and values");
            if (idx == null || idx.length < nnz) {
                idx = new int[Math.max(nnz, 16)];
            }
            IndexCoding.read(r, mode, idx, nnz, size, what);
            for (int i = 0; i < nnz; i++) {
                idx[i] += off;
            }
            r.readFloats(out, idx, 0, nnz, what + " values");
        }
        r.requireEnd("sparse parameters");
        return ParameterSet.wrap(layout, out);
    }
}
