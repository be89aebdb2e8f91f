package io.flotilla.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Fuzzes {@link IdxReader} with arbitrary bytes, plain or gzip: the only allowed outcomes are an array or a
 * {@link MalformedDataException}. Seeds live in {@code IdxReaderFuzzTestInputs/readsArbitraryBytes}.
 */
class IdxReaderFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void readsArbitraryBytes(byte[] input) throws IOException {
        IdxArray a;
        try {
            a = IdxReader.read(new ByteArrayInputStream(input), "fuzz");
        } catch (MalformedDataException expected) {
            return;
        }
        long n = 1;
        for (int d : a.dims()) {
            assertTrue(d >= 0);
            n *= d;
        }
        assertEquals(n, a.data().length);
        try {
            int[] labels = IdxReader.labels(a, 10);
            assertEquals(a.data().length, labels.length);
        } catch (MalformedDataException expected) {
            // wrong rank or a label above 9
        }
        if (a.rank() == 3) {
            try {
                float[] x = IdxReader.scaledImages(a, a.dim(1), a.dim(2));
                for (float v : x) {
                    assertTrue(v >= 0f && v <= 1f);
                }
            } catch (MalformedDataException e) {
                throw new AssertionError("images of their own size must convert", e);
            }
        }
    }
}
