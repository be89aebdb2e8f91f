package io.flotilla.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReaderTest {
    @TempDir
    Path dir;

    private static CsvTable read(String text, CsvOptions o) throws IOException {
        return CsvReader.read(new StringReader(text), "t.csv", o);
    }

    private static String error(String text, CsvOptions o) {
        return assertThrows(MalformedDataException.class, () -> read(text, o)).getMessage();
    }

    private static float[] example(Dataset d, int i) {
        float[] x = new float[d.exampleSize()];
        d.copyExample(i, x, 0);
        return x;
    }

    @Test
    void readsLabelColumnByNameWithHeader() throws IOException {
        CsvTable t = read("a,species,b\n1.5,2,-3\n\n 4 , 0 , 5e-1 \n", CsvOptions.labelNamed("species"));
        assertEquals(List.of("a", "b"), t.featureNames());
        assertEquals("species", t.labelName());
        Dataset d = t.data();
        assertEquals(2, d.size());
        assertArrayEquals(new int[] {2}, d.exampleShape());
        assertEquals(3, d.numClasses());
        assertArrayEquals(new int[] {2, 0}, d.labels());
        assertArrayEquals(new float[] {1.5f, -3f}, example(d, 0));
        assertArrayEquals(new float[] {4f, 0.5f}, example(d, 1));
    }

    @Test
    void readsLabelColumnByIndexWithoutHeaderAndFromTheEnd() throws IOException {
        CsvTable first = read("1,0.1,0.2\n0,0.3,0.4\n", CsvOptions.labelAt(0, false));
        assertEquals(List.of("c1", "c2"), first.featureNames());
        assertArrayEquals(new int[] {1, 0}, first.data().labels());
        CsvTable last = read("0.1;0.2;4\n0.3;0.4;1\n", CsvOptions.labelAt(-1, false).withDelimiter(';')
                .withNumClasses(10));
        assertEquals(10, last.data().numClasses());
        assertArrayEquals(new int[] {4, 1}, last.data().labels());
        assertArrayEquals(new float[] {0.3f, 0.4f}, example(last.data(), 1));
    }

    @Test
    void handlesQuotesBomAndCrLf() throws IOException {
        Path f = dir.resolve("q.csv");
        Files.write(f, "\uFEFF\"x, first\",\"y\"\"\",label\r\n\"1\",2,1\r\n3,\" 4 \",0\r\n".getBytes(StandardCharsets.UTF_8));
        CsvTable t = CsvReader.read(f, CsvOptions.labelNamed("label"));
        assertEquals(List.of("x, first", "y\""), t.featureNames());
        assertArrayEquals(new float[] {1f, 2f}, example(t.data(), 0));
        assertEquals(2, t.data().numClasses());
    }

    @Test
    void raggedRowNamesTheLineAndBothCounts() {
        String m = error("a,b,y\n1,2,0\n1,2\n", CsvOptions.labelNamed("y"));
        assertTrue(m.contains("t.csv line 3") && m.contains("2 cells") && m.contains("expected 3"), m);
    }

    @Test
    void nonNumericCellNamesLineAndColumn() {
        String m = error("a,b,y\n1,2,0\n1,abc,1\n", CsvOptions.labelNamed("y"));
        assertTrue(m.contains("line 3") && m.contains("column 1") && m.contains("'b'") && m.contains("'abc'"), m);
        for (String bad : new String[] {"NaN", "Infinity", "0x1p3", "1f", "", "1e", "-", ".", "1e40", "1..2"}) {
            assertThrows(MalformedDataException.class, () -> read("a,y\n" + bad + ",0\n",
                    CsvOptions.labelNamed("y")), bad);
        }
    }

    @Test
    void labelOutOfRangeOrNotAnInteger() {
        String m = error("a,y\n1,0\n2,3\n", CsvOptions.labelNamed("y").withNumClasses(3));
        assertTrue(m.contains("line 3") && m.contains("label 3 outside [0, 3)"), m);
        assertTrue(error("a,y\n1,-1\n", CsvOptions.labelNamed("y")).contains("'-1' is not a non-negative integer"));
        assertTrue(error("a,y\n1,1.0\n", CsvOptions.labelNamed("y")).contains("'1.0'"));
        assertTrue(error("a,y\n1,99999999999\n", CsvOptions.labelNamed("y")).contains("below 10^9"));
    }

    @Test
    void structuralErrors() {
        assertTrue(error("", CsvOptions.labelAt(0, false)).contains("no data rows (empty)"));
        assertTrue(error("a,y\n\n", CsvOptions.labelNamed("y")).contains("no data rows"));
        assertTrue(error("a,b\n1,2\n", CsvOptions.labelNamed("y")).contains("no label column named 'y'"));
        assertTrue(error("1,2\n", CsvOptions.labelAt(5, false)).contains("label column 5 outside the 2 columns"));
        assertTrue(error("1\n", CsvOptions.labelAt(0, false)).contains("need a label and at least one feature"));
        assertTrue(error("\"1,2\n", CsvOptions.labelAt(0, false)).contains("quote left open"));
        assertTrue(error("\"1\"x,2\n", CsvOptions.labelAt(0, false)).contains("after a closing quote"));
    }

    @Test
    void invalidOptionsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new CsvOptions(false, "y", 0, 0, ','));
        assertThrows(IllegalArgumentException.class, () -> CsvOptions.labelNamed("y").withNumClasses(1));
        assertThrows(IllegalArgumentException.class, () -> CsvOptions.labelNamed("y").withDelimiter('"'));
    }
}
