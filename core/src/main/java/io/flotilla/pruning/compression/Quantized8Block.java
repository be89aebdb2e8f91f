package io.flotilla.pruning.compression;

import io.flotilla.model.MalformedEncodingException;
import io.flotilla.model.encoding.internal.ByteReader;
import io.flotilla.model.encoding.internal.ByteWriter;
import java.util.random.RandomGenerator;

/**
 * The byte layout of a quantised vector, shared by {@link QuantizedCodec} and {@link TopKCodec}:
 * {@code varint n, varint segmentCount, segmentCount x (varint length, float32 min, float32 max), n code bytes}.
 * Segment lengths are positive and sum to {@code n}; min and max are finite with {@code min <= max}.
 */
final class Quantized8Block {
    private Quantized8Block() {
    }

    /** Writes {@code x[0..n)} quantised in segments of the given lengths (which sum to n). */
    static void write(ByteWriter w, float[] x, int n, int[] segmentLengths, RandomGenerator rng) {
        w.writeVarint(n);
        w.writeVarint(segmentLengths.length);
        float[] mins = new float[segmentLengths.length];
        float[] maxs = new float[segmentLengths.length];
        int off = 0;
        for (int s = 0; s < segmentLengths.length; s++) {
            float min = Float.POSITIVE_INFINITY;
            float max = Float.NEGATIVE_INFINITY;
            for (int i = off, end = off + segmentLengths[s]; i < end; i++) {
                if (!Float.isFinite(x[i])) {
                    throw new IllegalArgumentException("cannot quantise non-finite value " + x[i] + " at " + i);
                }
                min = Math.min(min, x[i]);
                max = Math.max(max, x[i]);
            }
            mins[s] = min;
            maxs[s] = max;
            w.writeVarint(segmentLengths[s]);
            w.writeFloat(min);
            w.writeFloat(max);
            off += segmentLengths[s];
        }
        byte[] codes = new byte[n];
        off = 0;
        for (int s = 0; s < segmentLengths.length; s++) {
            StochasticQuantizer.quantize(x, off, segmentLengths[s], mins[s], maxs[s], rng, codes, off);
            off += segmentLengths[s];
        }
        w.writeBytes(codes, 0, n);
    }

    /** Reads a block of exactly {@code expectedN} values into {@code out[outOff..outOff+expectedN)}. */
    static void read(ByteReader r, int expectedN, float[] out, int outOff, String what) {
        int n = r.readVarint(what + " value count");
        if (n != expectedN) {
            throw new MalformedEncodingException(what + ": " + n + " quantised values, expected " + expectedN);
        }
        int segments = r.readVarint(what + " segment count");
        if (segments < 1 || segments > n) {
            throw new MalformedEncodingException(what + ": " + segments + " segments for " + n + " values");
        }
        // each segment header takes at least 9 bytes, and the codes n more: check before allocating
        r.require(9L * segments + n, what + " segments and codes");
        int[] lengths = new int[segments];
        float[] mins = new float[segments];
        float[] maxs = new float[segments];
        long sum = 0;
        for (int s = 0; s < segments; s++) {
            lengths[s] = r.readVarint(what + " segment length");
            mins[s] = r.readFloat(what + " segment min");
            maxs[s] = r.readFloat(what + " segment max");
            if (lengths[s] < 1) {
                throw new MalformedEncodingException(what + ": segment " + s + " is empty");
            }
            if (!Float.isFinite(mins[s]) || !Float.isFinite(maxs[s]) || mins[s] > maxs[s]) {
                throw new MalformedEncodingException(
                        what + ": segment " + s + " range [" + mins[s] + ", " + maxs[s] + "] is invalid");
            }
            sum += lengths[s];
        }
        if (sum != n) {
            throw new MalformedEncodingException(what + ": segment lengths sum to " + sum + ", expected " + n);
        }
        r.require(n, what + " codes");
        byte[] a = r.array();
        int base = r.position();
        int off = 0;
        for (int s = 0; s < segments; s++) {
            StochasticQuantizer.dequantize(a, base + off, lengths[s], mins[s], maxs[s], out, outOff + off);
            off += lengths[s];
        }
        r.skip(n, what + " codes");
    }

    /** Lengths of fixed-size chunks covering {@code n} values (the last may be shorter). */
    static int[] chunks(int n, int chunkSize) {
        int count = (int) (((long) n + chunkSize - 1) / chunkSize);
        int[] lengths = new int[Math.max(count, 0)];
        for (int s = 0; s < count; s++) {
            lengths[s] = Math.min(chunkSize, n - s * chunkSize);
        }
        return lengths;
    }
}
