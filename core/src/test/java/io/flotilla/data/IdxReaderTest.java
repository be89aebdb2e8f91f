package io.flotilla.data;

import static io.flotilla.data.IdxTestFiles.bytes;
import static io.flotilla.data.IdxTestFiles.gzip;
import static io.flotilla.data.IdxTestFiles.idx;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
    @TempDir
    Path dir;

    private Path write(String name, byte[] content) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, content);
        return p;
    }

    private static String messageOf(Path file) {
        return assertThrows(MalformedDataException.class, () -> IdxReader.read(file)).getMessage();
    }

    private static String messageOf(byte[] content) {
        return assertThrows(MalformedDataException.class,
                () -> IdxReader.read(new ByteArrayInputStream(content), "stream")).getMessage();
    }

    @Test
    void readsHandWrittenLabelFile() throws IOException {
        byte[] file = bytes(0, 0, 8, 1, 0, 0, 0, 3, 5, 0, 9);
        IdxArray a = IdxReader.read(write("labels", file));
        assertArrayEquals(new int[] {3}, a.dims());
        assertArrayEquals(new int[] {5, 0, 9}, IdxReader.labels(a, 10));
    }

    @Test
    void detectsGzipByMagicBytesNotByName() throws IOException {
        byte[] plain = idx(new int[] {2, 2, 3}, bytes(0, 255, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10));
        IdxArray fromGzipNamedPlain = IdxReader.read(write("images.idx", gzip(plain)));
        IdxArray fromPlainNamedGz = IdxReader.read(write("images.gz", plain));
        assertArrayEquals(new int[] {2, 2, 3}, fromGzipNamedPlain.dims());
        assertArrayEquals(fromPlainNamedGz.data(), fromGzipNamedPlain.data());
        float[] x = IdxReader.scaledImages(fromGzipNamedPlain, 2, 3);
        assertEquals(0f, x[0]);
        assertEquals(1f, x[1]);
        assertEquals(10 / 255f, x[11]);
    }

    @Test
    void readsRealFashionMnistTestLabels() throws IOException {
        // The shipped copy, byte-identical to the Debian package's (FashionMnistTest checks that where installed).
        int[] labels = IdxReader.readLabels(
                RepoRoot.find().resolve(FashionMnist.OFFLINE_DIR).resolve("t10k-labels-idx1-ubyte.gz"), 10);
        assertEquals(10_000, labels.length);
        int[] hist = new int[10];
        for (int y : labels) {
            hist[y]++;
        }
        for (int c = 0; c < 10; c++) {
            assertEquals(1000, hist[c], "class " + c);
        }
        // The first test examples of Fashion-MNIST: ankle boot, pullover, trouser, trouser, shirt.
        assertArrayEquals(new int[] {9, 2, 1, 1, 6}, java.util.Arrays.copyOf(labels, 5));
    }

    @Test
    void rejectsWrongMagic() throws IOException {
        String m = messageOf(write("bad", bytes(1, 0, 8, 1, 0, 0, 0, 0)));
        assertTrue(m.contains("bad") && m.contains("0x01000801"), m);
    }

    @Test
    void rejectsUnsupportedElementType() {
        String m = messageOf(bytes(0, 0, 0x0d, 1, 0, 0, 0, 1, 0, 0, 0, 0));
        assertTrue(m.contains("0xd") && m.contains("only unsigned byte"), m);
    }

    @Test
    void rejectsRankZeroAndHugeRank() {
        assertTrue(messageOf(bytes(0, 0, 8, 0)).contains("rank 0"));
        assertTrue(messageOf(bytes(0, 0, 8, 200)).contains("rank 200"));
    }

    @Test
    void rejectsTruncatedHeader() {
        String m = messageOf(bytes(0, 0, 8, 3, 0, 0, 0, 5, 0));
        assertTrue(m.contains("truncated header") && m.contains("12") && m.contains("5"), m);
        assertTrue(messageOf(bytes(0, 0)).contains("truncated header"));
    }

    @Test
    void rejectsTruncatedDataNamingBothSizes() throws IOException {
        byte[] file = idx(new int[] {4}, bytes(1, 2, 3));
        String plain = messageOf(write("short", file));
        assertTrue(plain.contains("declare 4") && plain.contains("holds 3") && plain.contains("short"), plain);
        String gz = messageOf(write("short.gz", gzip(file)));
        assertTrue(gz.contains("declare 4") && gz.contains("holds 3"), gz);
        String stream = messageOf(file);
        assertTrue(stream.contains("declare 4") && stream.contains("holds 3"), stream);
    }

    @Test
    void rejectsTrailingBytes() throws IOException {
        byte[] file = idx(new int[] {2}, bytes(1, 2, 3));
        assertTrue(messageOf(write("long", file)).contains("declare 2 data bytes, file holds 3"));
        assertTrue(messageOf(gzip(file)).contains("trailing bytes"));
    }

    @Test
    void headerClaimingTwoToThe31ImagesFailsClearlyWithoutAllocating() throws IOException {
        byte[] header = bytes(0, 0, 8, 3, 0x80, 0, 0, 0, 0, 0, 0, 28, 0, 0, 0, 28, 1, 2, 3);
        String m = messageOf(write("huge.gz", gzip(header)));
        assertTrue(m.contains("2147483648") && m.contains("huge.gz"), m);
        // Fits the int range per dimension but not as a product.
        byte[] product = bytes(0, 0, 8, 3, 0x01, 0, 0, 0, 0, 0, 0, 28, 0, 0, 0, 28, 1, 2, 3);
        assertTrue(messageOf(product).contains("more than " + IdxReader.MAX_ELEMENTS), messageOf(product));
    }

    @Test
    void compressedHeaderDeclaringALargeArrayButHoldingLittleIsTruncatedNotOom() {
        // 2,000,000,000 one-byte labels declared, 3 present: the buffer only grows with real data.
        byte[] file = gzip(bytes(0, 0, 8, 1, 0x77, 0x35, 0x94, 0x00, 1, 2, 3));
        String m = messageOf(file);
        assertTrue(m.contains("declare 2000000000") && m.contains("holds 3"), m);
    }

    @Test
    void rejectsCorruptGzip() {
        byte[] gz = gzip(idx(new int[] {100}, new byte[100]));
        byte[] cut = java.util.Arrays.copyOf(gz, gz.length - 10);
        assertTrue(messageOf(cut).contains("corrupt gzip stream"), messageOf(cut));
        byte[] flipped = gz.clone();
        flipped[12] ^= 0x5a;
        assertThrows(MalformedDataException.class,
                () -> IdxReader.read(new ByteArrayInputStream(flipped), "flipped"));
    }

    @Test
    void rejectsLabelOutOfRange() throws IOException {
        Path p = write("labels", idx(new int[] {3}, bytes(1, 10, 2)));
        MalformedDataException e = assertThrows(MalformedDataException.class, () -> IdxReader.readLabels(p, 10));
        assertTrue(e.getMessage().contains("label 10 of example 1 outside [0, 10)"), e.getMessage());
    }

    @Test
    void rejectsWrongRankForLabelsAndImages() throws IOException {
        IdxArray matrix = IdxReader.read(write("m", idx(new int[] {2, 2}, bytes(1, 2, 3, 4))));
        assertTrue(assertThrows(MalformedDataException.class, () -> IdxReader.labels(matrix, 10)).getMessage()
                .contains("1 dimension, this one has 2"));
        assertTrue(assertThrows(MalformedDataException.class, () -> IdxReader.scaledImages(matrix, 2, 2))
                .getMessage().contains("3 dimensions, this one has 2"));
        IdxArray images = IdxReader.read(write("i", idx(new int[] {1, 2, 2}, bytes(1, 2, 3, 4))));
        assertTrue(assertThrows(MalformedDataException.class, () -> IdxReader.scaledImages(images, 28, 28))
                .getMessage().contains("images are 2x2, expected 28x28"));
    }

    @Test
    void rejectsMismatchedImageAndLabelCounts() throws IOException {
        Path images = write("img", idx(new int[] {3, 1, 2}, new byte[6]));
        Path labels = write("lab", idx(new int[] {2}, bytes(0, 1)));
        String m = assertThrows(MalformedDataException.class,
                () -> IdxReader.readImageDataset(images, labels, 1, 2, 10)).getMessage();
        assertTrue(m.contains("holds 3 images") && m.contains("holds 2 labels") && m.contains("img")
                && m.contains("lab"), m);
    }

    @Test
    void readsImageDatasetWithShapeAndScaledPixels() throws IOException {
        Path images = write("img", idx(new int[] {2, 1, 2}, bytes(0, 51, 255, 102)));
        Path labels = write("lab", idx(new int[] {2}, bytes(3, 1)));
        Dataset d = IdxReader.readImageDataset(images, labels, 1, 2, 4);
        assertEquals(2, d.size());
        assertArrayEquals(new int[] {1, 1, 2}, d.exampleShape());
        float[] x = new float[2];
        d.copyExample(1, x, 0);
        assertArrayEquals(new float[] {1f, 102 / 255f}, x);
        assertArrayEquals(new int[] {3, 1}, d.labels());
    }
}
