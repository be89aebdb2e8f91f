package io.flotilla.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsTest {
    @TempDir
    Path dir;

    private static final ModelLayout LAYOUT = ModelLayout.of(TensorSpec.weight("dense.weight", 2, 2),
            TensorSpec.bias("dense.bias", 2));

    private static ParameterSet twoTensorModel() {
        return ParameterSet.copyOf(LAYOUT, new float[] {1f, -2f, 0.5f, 3f, 0.25f, -1f});
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] hex(String s) {
        String[] parts = s.trim().split("\\s+");
        byte[] b = new byte[parts.length];
        for (int i = 0; i < parts.length; i++) {
            b[i] = (byte) Integer.parseInt(parts[i], 16);
        }
        return b;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** The exact file for {@link #twoTensorModel()}, written out by hand. */
    private static final byte[] EXPECTED = concat(
            hex("88 00 00 00 00 00 00 00"), // header length 136, little-endian
            ascii("{\"dense.weight\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,16]},"
                    + "\"dense.bias\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[16,24]}}"),
            ascii("    "), // 132 bytes of JSON padded with spaces to 136
            hex("00 00 80 3f  00 00 00 c0  00 00 00 3f  00 00 40 40"), // 1, -2, 0.5, 3
            hex("00 00 80 3e  00 00 80 bf")); // 0.25, -1

    /** Safetensors bytes with the given JSON header (padded to 8) and data. */
    private static byte[] file(String json, byte[] data) {
        byte[] h = json.getBytes(StandardCharsets.UTF_8);
        int padded = (h.length + 7) / 8 * 8;
        byte[] header = java.util.Arrays.copyOf(h, padded);
        java.util.Arrays.fill(header, h.length, padded, (byte) ' ');
        byte[] len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded).array();
        return concat(len, header, data);
    }

    private static String messageOf(byte[] bytes) {
        return assertThrows(SafetensorsFormatException.class, () -> Safetensors.read(bytes)).getMessage();
    }

    @Test
    void writerProducesExactlyTheHandWrittenBytes() {
        assertArrayEquals(EXPECTED, Safetensors.toBytes(twoTensorModel(), Map.of()));
        assertArrayEquals(EXPECTED, Safetensors.toBytes(twoTensorModel(), null));
    }

    @Test
    void writerPutsSortedMetadataFirst() {
        byte[] expected = concat(hex("b0 00 00 00 00 00 00 00"), // 175 bytes of JSON padded to 176
                ascii("{\"__metadata__\":{\"format\":\"pt\",\"round\":\"7\"},"
                        + "\"dense.weight\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,16]},"
                        + "\"dense.bias\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[16,24]}}"),
                ascii(" "),
                java.util.Arrays.copyOfRange(EXPECTED, 8 + 136, EXPECTED.length));
        assertArrayEquals(expected, Safetensors.toBytes(twoTensorModel(), Map.of("round", "7", "format", "pt")));
    }

    @Test
    void readerParsesTheHandWrittenBytes() throws IOException {
        SafetensorsFile f = Safetensors.read(EXPECTED);
        assertEquals(LAYOUT, f.parameters().layout());
        assertArrayEquals(new float[] {1f, -2f, 0.5f, 3f, 0.25f, -1f}, f.parameters().values());
        assertEquals(Map.of(), f.metadata());
        assertTrue(Safetensors.read(EXPECTED, LAYOUT).contentEquals(twoTensorModel()));
    }

    @Test
    void readsTensorsInAnyHeaderOrderAndWhitespace() throws IOException {
        byte[] data = java.util.Arrays.copyOfRange(EXPECTED, 144, EXPECTED.length);
        byte[] f = file("{ \"dense.bias\" : {\"data_offsets\":[16, 24], \"shape\":[2], \"dtype\":\"F32\"},\n"
                + " \"__metadata__\": {\"k\": \"v\\u00e9\\n\"}, \"dense.weight\":{\"dtype\":\"F32\",\"shape\":[2,2],"
                + "\"data_offsets\":[0,16]}}", data);
        SafetensorsFile read = Safetensors.read(f);
        // Without a layout the data order decides the tensor order.
        assertEquals(LAYOUT, read.parameters().layout());
        assertEquals(Map.of("k", "v\u00e9\n"), read.metadata());
        assertTrue(Safetensors.read(f, LAYOUT).contentEquals(twoTensorModel()));
    }

    @Test
    void roundTripsThroughAFileWithMetadataAndUnusualNames() throws IOException {
        SplittableRandom rng = new SplittableRandom(1);
        ModelLayout layout = ModelLayout.of(TensorSpec.weight("conv1.weight", 6, 1, 5, 5),
                TensorSpec.bias("conv1.bias", 6), TensorSpec.weight("na\"me\\with\ttab \u00fc", 3),
                new TensorSpec("bn.running_mean", new int[] {70_000}, TensorKind.OTHER));
        ParameterSet p = ParameterSet.zeros(layout);
        float[] v = p.values();
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) rng.nextGaussian();
        }
        v[0] = Float.NaN;
        v[1] = Float.NEGATIVE_INFINITY;
        v[2] = -0f;
        v[3] = Float.MIN_VALUE;
        Path file = dir.resolve("model.safetensors");
        Safetensors.write(p, Map.of("model", "lenet", "quote\"", "a\u0001b"), file);
        ParameterSet back = Safetensors.read(file, layout);
        assertTrue(back.contentEquals(p));
        SafetensorsFile f = Safetensors.read(file);
        assertEquals(Map.of("model", "lenet", "quote\"", "a\u0001b"), f.metadata());
        // The inferred layout has the same names and shapes; kinds come from the names.
        assertEquals(TensorKind.BIAS, f.parameters().layout().tensor("conv1.bias").kind());
        assertEquals(TensorKind.WEIGHT, f.parameters().layout().tensor("bn.running_mean").kind());
        assertArrayEquals(v, f.parameters().values());
        assertEquals(0, (Files.size(file) - 8 - v.length * 4L) % 8, "header padded to 8 bytes");
    }

    @Test
    void expectedLayoutMismatchesAreNamed() {
        ModelLayout other = ModelLayout.of(TensorSpec.weight("dense.weight", 4), TensorSpec.bias("dense.bias", 2));
        String m = assertThrows(SafetensorsFormatException.class, () -> Safetensors.read(EXPECTED, other))
                .getMessage();
        assertTrue(m.contains("dense.weight") && m.contains("[2, 2]") && m.contains("[4]"), m);
        ModelLayout renamed = ModelLayout.of(TensorSpec.weight("fc.weight", 2, 2), TensorSpec.bias("dense.bias", 2));
        m = assertThrows(SafetensorsFormatException.class, () -> Safetensors.read(EXPECTED, renamed)).getMessage();
        assertTrue(m.contains("missing [fc.weight]") && m.contains("unexpected [dense.weight]"), m);
    }

    @Test
    void rejectsHeaderLengthBeyondTheFileOrTheLimit() {
        byte[] bad = EXPECTED.clone();
        bad[0] = (byte) 0xf0; // 240 > 160 bytes that follow
        String m = messageOf(bad);
        assertTrue(m.contains("header length 240") && m.contains("160"), m);
        byte[] huge = EXPECTED.clone();
        ByteBuffer.wrap(huge).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 100_000_001L);
        assertTrue(messageOf(huge).contains("100000001") && messageOf(huge).contains("limit"));
        ByteBuffer.wrap(huge).order(ByteOrder.LITTLE_ENDIAN).putLong(0, -1L);
        assertTrue(messageOf(huge).contains("18446744073709551615"), messageOf(huge));
        assertTrue(messageOf(hex("01 02 03")).contains("3 bytes"));
    }

    @Test
    void rejectsUnsupportedAndUnknownDtypes() {
        String m = messageOf(file("{\"w\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[0,4]}}", new byte[4]));
        assertTrue(m.contains("dtype F16") && m.contains("only F32 is supported") && m.contains("\"w\""), m);
        m = messageOf(file("{\"w\":{\"dtype\":\"Q7\",\"shape\":[1],\"data_offsets\":[0,4]}}", new byte[4]));
        assertTrue(m.contains("Q7") && m.contains("not a safetensors dtype"), m);
    }

    @Test
    void rejectsOffsetsThatDisagreeWithTheShape() {
        String m = messageOf(file("{\"w\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", new byte[8]));
        assertTrue(m.contains("8 bytes") && m.contains("needs 12"), m);
    }

    @Test
    void rejectsOverlappingGappedReversedAndOutOfBoundsOffsets() {
        String overlap = messageOf(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", new byte[12]));
        assertTrue(overlap.contains("overlaps") && overlap.contains("ends at 8"), overlap);
        String gap = messageOf(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]}}", new byte[12]));
        assertTrue(gap.contains("gap") && gap.contains("begins at 8"), gap);
        String reversed = messageOf(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,0]}}",
                new byte[4]));
        assertTrue(reversed.contains("out of order"), reversed);
        String beyond = messageOf(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}",
                new byte[4]));
        assertTrue(beyond.contains("ends at 8") && beyond.contains("4 data bytes"), beyond);
        String notFromZero = messageOf(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}",
                new byte[8]));
        assertTrue(notFromZero.contains("gap"), notFromZero);
    }

    @Test
    void rejectsTrailingDataAndTrailingJson() {
        byte[] longer = concat(EXPECTED, new byte[4]);
        assertTrue(messageOf(longer).contains("4 trailing bytes"), messageOf(longer));
        String m = messageOf(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}} x",
                new byte[4]));
        assertTrue(m.contains("trailing characters"), m);
    }

    @Test
    void rejectsDuplicateNames() {
        String m = messageOf(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                + "\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", new byte[8]));
        assertTrue(m.contains("duplicate name \"a\""), m);
    }

    @Test
    void rejectsMalformedHeaders() {
        String[] bad = {
            "[1,2]", "{", "{\"a\":}", "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},}",
            "{\"a\":{\"dtype\":\"F32\",\"shape\":[1.5],\"data_offsets\":[0,4]}}",
            "{\"a\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}",
            "{\"a\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[0,0]}}",
            "{\"a\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[0,4]}}",
            "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0]}}",
            "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4],\"extra\":1}}",
            "{\"a\":{\"dtype\":\"F32\",\"shape\":[1e9999999999],\"data_offsets\":[0,4]}}",
            "{\"a\":{\"dtype\":\"F32\",\"shape\":[99999999999999999999999],\"data_offsets\":[0,4]}}",
            "{\"a\":{\"dtype\":\"F32\",\"shape\":[65536,65536],\"data_offsets\":[0,4]}}",
            "{\"\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}",
            "{\"__metadata__\":{\"k\":1},\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}",
            "{\"__metadata__\":{}}", "{}",
            "{\"\\ud800\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}",
            "{\"\\udc00x\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", "{\"a\":\"\\x\"}", "{\"a\":\"tab\tinside\"}",
            "{\"a\":" + "[".repeat(100) + "]".repeat(100) + "}",
        };
        for (String json : bad) {
            assertThrows(SafetensorsFormatException.class, () -> Safetensors.read(file(json, new byte[4])), json);
        }
        byte[] notUtf8 = file("{\"a\u00ff\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", new byte[4]);
        notUtf8[12] = (byte) 0xff;
        assertTrue(messageOf(notUtf8).contains("UTF-8"), messageOf(notUtf8));
        byte[] notBrace = file(" {\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", new byte[4]);
        assertTrue(messageOf(notBrace).contains("does not start with '{'"));
    }

    @Test
    void acceptsEscapedSurrogatePairs() throws IOException {
        SafetensorsFile f = Safetensors.read(file(
                "{\"\\ud83d\\ude00\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", new byte[4]));
        assertEquals("\ud83d\ude00", f.parameters().layout().tensor(0).name());
    }

    @Test
    void refusesToWriteATensorNamedLikeTheMetadataEntry() {
        ParameterSet p = ParameterSet.zeros(ModelLayout.of(TensorSpec.weight("__metadata__", 1)));
        assertThrows(IllegalArgumentException.class, () -> Safetensors.toBytes(p, Map.of()));
    }
}
