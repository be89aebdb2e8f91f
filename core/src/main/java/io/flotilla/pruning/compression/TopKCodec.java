package io.flotilla.pruning.compression;

import io.flotilla.model.MalformedEncodingException;
import io.flotilla.model.encoding.internal.ByteReader;
import io.flotilla.model.encoding.internal.ByteWriter;
import io.flotilla.model.encoding.internal.IndexCoding;
import java.util.random.RandomGenerator;

/**
 * Top-k sparsification of a delta ({@link TopK}), optionally with the k kept values quantised to 8 bits
 * ({@link StochasticQuantizer}, per chunk): the composition "top-k values then quantised". Meant to run behind
 * {@link ErrorFeedback}, which keeps what is not sent for the next round.
 *
 * <pre>
 * "FTK1", varint size, varint k (1..size),
 * byte indexMode (1 gaps, 2 bitmap), the k indices (see IndexCoding),
 * byte valueMode: 0 = k x float32 LE, 1 = a Quantized8Block of k values
 * no trailing bytes
 * </pre>
 */
public final class TopKCodec implements DeltaCodec {
    private static final byte[] MAGIC = {'F', 'T', 'K', '1'};
    private final float fraction;
    private final int quantizationChunk;

    /**
     * @param fraction share of coordinates sent, in (0, 1]
     * @param quantizationChunk 0 to send float32 values, else the chunk size of their 8-bit quantisation
     */
    public TopKCodec(float fraction, int quantizationChunk) {
        TopK.count(fraction, 1); // validates the fraction
        if (quantizationChunk < 0) {
            throw new IllegalArgumentException("quantisation chunk must be non-negative, got " + quantizationChunk);
        }
        this.fraction = fraction;
        this.quantizationChunk = quantizationChunk;
    }

    @Override
    public String name() {
        return quantizationChunk == 0 ? "top-k" : "top-k+q8";
    }

    public float fraction() {
        return fraction;
    }

    @Override
    public byte[] encode(float[] delta, RandomGenerator rng) {
        int n = delta.length;
        if (n == 0) {
            throw new IllegalArgumentException("cannot sparsify an empty delta");
        }
        int k = TopK.count(fraction, n);
        int[] idx = new int[k];
        int m = TopK.selectInto(delta, k, new float[n], idx);
        if (m == 0) {
            // an all-zero delta still sends one (zero) coordinate so the format keeps k >= 1
            idx[0] = 0;
            m = 1;
        }
        float[] values = new float[m];
        for (int i = 0; i < m; i++) {
            values[i] = delta[idx[i]];
        }
        ByteWriter w = new ByteWriter(16 + 6 * m);
        w.writeBytes(MAGIC, 0, 4);
        w.writeVarint(n);
        w.writeVarint(m);
        int mode = IndexCoding.cheaperMode(idx, m, n);
        w.writeByte(mode);
        IndexCoding.write(w, mode, idx, m, n);
        if (quantizationChunk == 0) {
            w.writeByte(0);
            w.writeFloats(values, null, 0, m);
        } else {
            w.writeByte(1);
            Quantized8Block.write(w, values, m, Quantized8Block.chunks(m, quantizationChunk), rng);
        }
        return w.toByteArray();
    }

    @Override
    public float[] decode(byte[] bytes, int expectedSize) {
        return decodeSparse(bytes, expectedSize).toDense();
    }

    /** Decodes to the k sent coordinates and their values, without a model-sized array. */
    @Override
    public DecodedDelta decodeSparse(byte[] bytes, int expectedSize) {
        ByteReader r = new ByteReader(bytes);
        QuantizedCodec.checkMagic(r, MAGIC, "top-k delta");
        int n = r.readVarint("top-k size");
        if (n != expectedSize) {
            throw new MalformedEncodingException("top-k delta has size " + n + ", expected " + expectedSize);
        }
        int k = r.readVarint("top-k count");
        if (k < 1 || k > n) {
            throw new MalformedEncodingException("top-k count " + k + " outside [1, " + n + "]");
        }
        int mode = r.readByte("top-k index mode");
        if (mode != IndexCoding.GAPS && mode != IndexCoding.BITMAP) {
            throw new MalformedEncodingException("top-k delta: unknown index mode " + mode);
        }
        // at least one byte per gap (or the bitmap), a value-mode byte and one byte per value: check before allocating
        r.require((mode == IndexCoding.GAPS ? k : IndexCoding.bitmapBytes(n)) + 1L + k, "top-k indices and values");
        int[] idx = new int[k];
        IndexCoding.read(r, mode, idx, k, n, "top-k delta");
        int valueMode = r.readByte("top-k value mode");
        float[] values = new float[k];
        if (valueMode == 0) {
            r.readFloats(values, null, 0, k, "top-k values");
        } else if (valueMode == 1) {
            Quantized8Block.read(r, k, values, 0, "top-k quantised values");
        } else {
            throw new MalformedEncodingException("top-k delta: unknown value mode " + valueMode);
        }
        r.requireEnd("top-k delta");
        return DecodedDelta.sparse(n, idx, values, k);
    }
}
