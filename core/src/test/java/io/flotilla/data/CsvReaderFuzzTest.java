package io.flotilla.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes {@link CsvReader} with arbitrary text under three option sets: the only allowed outcomes are a table
 * or a {@link MalformedDataException}. Seeds live in {@code CsvReaderFuzzTestInputs/readsArbitraryText}.
 */
class CsvReaderFuzzTest {
    private static final CsvOptions[] OPTIONS = {
        CsvOptions.labelAt(-1, false), CsvOptions.labelAt(0, true).withNumClasses(3), CsvOptions.labelNamed("y"),
        CsvOptions.labelAt(1, false).withDelimiter(';'),
    };

    @FuzzTest(maxDuration = "30s")
    void readsArbitraryText(byte[] input) throws IOException {
        String text = new String(input, StandardCharsets.UTF_8);
        for (CsvOptions o : OPTIONS) {
            CsvTable t;
            try {
                t = CsvReader.read(new StringReader(text), "fuzz", o);
            } catch (MalformedDataException expected) {
                continue;
            }
            Dataset d = t.data();
            assertTrue(d.size() > 0);
            assertEquals(d.exampleSize(), t.featureNames().size());
            float[] x = new float[d.exampleSize()];
            for (int i = 0; i < d.size(); i++) {
                d.copyExample(i, x, 0);
                for (float v : x) {
                    assertTrue(Float.isFinite(v));
                }
                assertTrue(d.label(i) >= 0 && d.label(i) < d.numClasses());
            }
        }
    }
}
