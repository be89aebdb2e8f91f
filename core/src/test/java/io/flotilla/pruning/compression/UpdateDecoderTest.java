package io.flotilla.pruning.compression;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.flotilla.model.MalformedEncodingException;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class UpdateDecoderTest {
    private static final int FUZZ_SIZE = 40;
    private static final CompressionConfig TOPK = CompressionConfig.fromMap(Map.of("method", "top-k",
            "fraction", "0.1"));
    private static final CompressionConfig TOPK_Q8 = CompressionConfig.fromMap(Map.of("method", "top-k+q8",
            "fraction", "0.1", "chunk-size", "16"));
    private static final CompressionConfig Q8 = CompressionConfig.fromMap(Map.of("method", "q8", "chunk-size", "16"));

    private static float[] delta(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] d = new float[n];
        for (int i = 0; i < n; i++) {
            d[i] = (float) r.nextGaussian();
        }
        return d;
    }

    @Test
    void topKDecodesSparseWithExactlyTheSentEntries() {
        float[] d = {0f, 5f, -0.1f, 0.2f, -7f, 0f, 0f, 0f, 0.3f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 1f};
        byte[] bytes = new TopKCodec(0.1f, 0).encode(d, new SplittableRandom(1));
        DecodedDelta out = new UpdateDecoder(TOPK).decode(bytes, 20);
        assertTrue(out.isSparse());
        // k = ceil(0.1f x 20) = 3 (the float fraction is a hair above 0.1)
        assertEquals(TopK.count(0.1f, 20), out.count());
        assertEquals(3, out.count());
        assertArrayEquals(new int[] {1, 4, 19}, Arrays.copyOf(out.indices(), 3));
        assertArrayEquals(new float[] {5f, -7f, 1f}, Arrays.copyOf(out.values(), 3));
    }

    @Test
    void topKWithQuantisedValuesAndQ8DecodeToTheCodecsOwnResult() {
        float[] d = delta(500, 3);
        byte[] tk = new TopKCodec(0.1f, 16).encode(d, new SplittableRandom(4));
        assertArrayEquals(new TopKCodec(0.1f, 16).decode(tk, 500), new UpdateDecoder(TOPK_Q8).decode(tk, 500)
                .toDense());
        byte[] q = QuantizedCodec.perChunk(16).encode(d, new SplittableRandom(4));
        DecodedDelta dq = new UpdateDecoder(Q8).decode(q, 500);
        assertFalse(dq.isSparse());
        assertArrayEquals(QuantizedCodec.perChunk(16).decode(q, 500), dq.values());
    }

    @Test
    void aTopKUpdateDenserThanConfiguredIsRefused() {
        float[] d = delta(100, 5);
        byte[] tooMany = new TopKCodec(0.5f, 0).encode(d, new SplittableRandom(1));
        MalformedEncodingException e = assertThrows(MalformedEncodingException.class,
                () -> new UpdateDecoder(TOPK).decode(tooMany, 100));
        assertTrue(e.getMessage().contains("50 entries") && e.getMessage().contains("at most "
                + TopK.count(0.1f, 100)), e.getMessage());
    }

    @Test
    void anotherCodecsBytesWrongSizesAndOversizeAreRefused() {
        float[] d = delta(100, 6);
        byte[] q = QuantizedCodec.perChunk(16).encode(d, new SplittableRandom(1));
        assertThrows(MalformedEncodingException.class, () -> new UpdateDecoder(TOPK).decode(q, 100));
        byte[] tk = new TopKCodec(0.1f, 0).encode(d, new SplittableRandom(1));
        assertThrows(MalformedEncodingException.class, () -> new UpdateDecoder(Q8).decode(tk, 100));
        MalformedEncodingException size = assertThrows(MalformedEncodingException.class,
                () -> new UpdateDecoder(TOPK).decode(tk, 101));
        assertTrue(size.getMessage().contains("100") && size.getMessage().contains("101"), size.getMessage());
        byte[] huge = new byte[(int) UpdateDecoder.maxEncodedSize(100) + 1];
        MalformedEncodingException big = assertThrows(MalformedEncodingException.class,
                () -> new UpdateDecoder(TOPK).decode(huge, 100));
        assertTrue(big.getMessage().contains(String.valueOf(huge.length)), big.getMessage());
        assertThrows(MalformedEncodingException.class, () -> new UpdateDecoder(TOPK).decode(new byte[0], 100));
        byte[] trailing = Arrays.copyOf(tk, tk.length + 1);
        assertThrows(MalformedEncodingException.class, () -> new UpdateDecoder(TOPK).decode(trailing, 100));
    }

    @Test
    void nonFiniteValuesDecodeButAreReportedForTheCaller() {
        // a hostile client's bytes, by hand: "FTK1", n = 20, k = 1, gaps mode, gap 3, float32 values, NaN (LE)
        byte[] bytes = {'F', 'T', 'K', '1', 20, 1, 1, 3, 0, 0, 0, (byte) 0xC0, 0x7F};
        DecodedDelta out = new UpdateDecoder(TOPK).decode(bytes, 20);
        assertEquals(0, out.firstNonFinite());
        assertEquals(3, out.indices()[0]);
    }

    @Test
    void onlyConfigurationsThatCompressAndFitTheBoundAreWireable() {
        assertThrows(IllegalArgumentException.class, () -> new UpdateDecoder(CompressionConfig.none()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new UpdateDecoder(
                CompressionConfig.fromMap(Map.of("method", "q8", "chunk-size", "4"))));
        assertTrue(e.getMessage().contains("16") && e.getMessage().contains("4"), e.getMessage());
    }

    @Test
    void everyWireableEncodingStaysUnderTheBound() {
        int n = 1000;
        float[] d = delta(n, 9);
        SplittableRandom r = new SplittableRandom(1);
        long bound = UpdateDecoder.maxEncodedSize(n);
        assertTrue(new TopKCodec(1f, 0).encode(d, r).length <= bound);
        assertTrue(new TopKCodec(1f, 16).encode(d, r).length <= bound);
        assertTrue(QuantizedCodec.perChunk(16).encode(d, r).length <= bound);
    }

    @FuzzTest(maxDuration = "30s")
    void fuzzDecode(byte[] data) {
        for (CompressionConfig c : new CompressionConfig[] {TOPK, TOPK_Q8, Q8}) {
            try {
                DecodedDelta d = new UpdateDecoder(c).decode(data, FUZZ_SIZE);
                if (d.size() != FUZZ_SIZE || d.count() > FUZZ_SIZE || (d.isSparse() && d.count() > TopK.count(0.1f, FUZZ_SIZE))) {
                    throw new AssertionError("decoded " + d.count() + " of " + d.size() + " values");
                }
                for (int i = 1; d.isSparse() && i < d.count(); i++) {
                    if (d.indices()[i] <= d.indices()[i - 1] || d.indices()[i] >= FUZZ_SIZE) {
                        throw new AssertionError("indices out of order or range at " + i);
                    }
                }
            } catch (MalformedEncodingException expected) {
                // refused cleanly
            }
        }
    }
}
