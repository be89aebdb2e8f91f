package io.flotilla.pruning.compression;

import io.flotilla.model.MalformedEncodingException;
import io.flotilla.model.ModelLayout;
import io.flotilla.model.encoding.internal.ByteReader;
import io.flotilla.model.encoding.internal.ByteWriter;
import java.util.random.RandomGenerator;

/**
 * 8-bit unbiased stochastic quantisation of a whole delta ({@link StochasticQuantizer}), with min/max scaling per
 * fixed-size chunk or per tensor of a layout. About {@code n + 9 * segments + 10} bytes for {@code n} values, a
 * quarter of float32. Format: {@code "FQ81"}, then the block of {@link Quantized8Block}, no trailing bytes.
 */
public final class QuantizedCodec implements DeltaCodec {
    private static final byte[] MAGIC = {'F', 'Q', '8', '1'};
    private final int chunkSize;
    private final ModelLayout layout;

    private QuantizedCodec(int chunkSize, ModelLayout layout) {
        this.chunkSize = chunkSize;
        this.layout = layout;
    }

    /** Scaling per chunk of {@code chunkSize} values. */
    public static QuantizedCodec perChunk(int chunkSize) {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("quantisation chunk size must be at least 1, got " + chunkSize);
        }
        return new QuantizedCodec(chunkSize, null);
    }

    /** Scaling per tensor of {@code layout}; deltas must have the layout's size. */
    public static QuantizedCodec perTensor(ModelLayout layout) {
        return new QuantizedCodec(0, layout);
    }

    @Override
    public String name() {
        return "q8";
    }

    @Override
    public byte[] encode(float[] delta, RandomGenerator rng) {
        if (delta.length == 0) {
            throw new IllegalArgumentException("cannot quantise an empty delta");
        }
        ByteWriter w = new ByteWriter(delta.length + 64);
        w.writeBytes(MAGIC, 0, 4);
        Quantized8Block.write(w, delta, delta.length, segments(delta.length), rng);
        return w.toByteArray();
    }

    @Override
    public float[] decode(byte[] bytes, int expectedSize) {
        ByteReader r = new ByteReader(bytes);
        checkMagic(r, MAGIC, "quantised delta");
        float[] out = new float[expectedSize];
        Quantized8Block.read(r, expectedSize, out, 0, "quantised delta");
        r.requireEnd("quantised delta");
        return out;
    }

    private int[] segments(int n) {
        if (layout == null) {
            return Quantized8Block.chunks(n, chunkSize);
        }
        if (n != layout.totalSize()) {
            throw new IllegalArgumentException("delta has " + n + " values, layout has " + layout.totalSize());
        }
        int[] lengths = new int[layout.tensorCount()];
        for (int t = 0; t < lengths.length; t++) {
            lengths[t] = layout.tensor(t).size();
        }
        return lengths;
    }

    static void checkMagic(ByteReader r, byte[] magic, String what) {
        r.require(magic.length, what + " magic");
        for (byte b : magic) {
            if (r.readByte(what + " magic") != (b & 0xFF)) {
                throw new MalformedEncodingException("not a " + what + " (bad magic)");
            }
        }
    }
}
