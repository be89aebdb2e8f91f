package io.flotilla.data;

import static io.flotilla.data.IdxTestFiles.bytes;
import static io.flotilla.data.IdxTestFiles.idx;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flotilla.testing.Prerequisites;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionMnistTest {
    @TempDir
    Path dir;

    @Test
    void loadsTheInstalledFullDataSetWhenNoDirectoryIsGiven() throws IOException {
        Prerequisites.installedFashionMnist();
        FashionMnist f = FashionMnist.load(null);
        assertTrue(f.full());
        assertTrue(f.source().contains(FashionMnist.SYSTEM_DIR), f.source());
        assertEquals(60_000, f.train().size());
        assertEquals(10_000, f.test().size());
        assertArrayEquals(new int[] {1, 28, 28}, f.train().exampleShape());
        assertEquals(10, f.train().numClasses());
        int[] hist = f.train().labelHistogram();
        for (int c = 0; c < 10; c++) {
            assertEquals(6000, hist[c]);
        }
        float[] x = new float[784];
        float min = 1, max = 0;
        for (int i = 0; i < 100; i++) {
            f.test().copyExample(i, x, 0);
            for (float v : x) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        assertEquals(0f, min);
        assertEquals(1f, max);
    }

    @Test
    void offlineFallbackSplitsTheShippedTestSetDeterministically() throws IOException {
        Path root = RepoRoot.find();
        assertNotNull(root, "repository root (system property " + RepoRoot.PROPERTY + ")");
        FashionMnist f = FashionMnist.loadOfflineFallback(root);
        assertFalse(f.full());
        assertTrue(f.source().contains("offline fallback") && f.source().contains("8000 train"), f.source());
        assertEquals(8000, f.train().size());
        assertEquals(2000, f.test().size());
        // Test example j is example 5j + 4 of the shipped file, training example 0 is example 0.
        Path shipped = root.resolve(FashionMnist.OFFLINE_DIR);
        Dataset all = IdxReader.readImageDataset(shipped.resolve("t10k-images-idx3-ubyte.gz"),
                shipped.resolve("t10k-labels-idx1-ubyte.gz"), 28, 28, 10);
        float[] a = new float[784];
        float[] b = new float[784];
        f.test().copyExample(3, a, 0);
        all.copyExample(19, b, 0);
        assertArrayEquals(b, a);
        assertEquals(all.label(19), f.test().label(3));
        f.train().copyExample(4, a, 0);
        all.copyExample(5, b, 0);
        assertArrayEquals(b, a);
        int[] hist = f.train().labelHistogram();
        for (int c = 0; c < 10; c++) {
            assertTrue(hist[c] > 700 && hist[c] < 900, "class " + c + " has " + hist[c]);
        }
    }

    @Test
    void shippedCopyIsByteIdenticalToTheDebianPackage() throws IOException {
        Path installed = Prerequisites.installedFashionMnist();
        Path shipped = RepoRoot.find().resolve(FashionMnist.OFFLINE_DIR);
        for (String f : new String[] {"t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"}) {
            assertArrayEquals(Files.readAllBytes(installed.resolve(f)),
                    Files.readAllBytes(shipped.resolve(f)), f);
        }
        assertTrue(Files.readString(shipped.resolve("LICENSE")).contains("Zalando SE"));
    }

    @Test
    void loadsAGivenDirectoryWithUncompressedFiles() throws IOException {
        byte[] img = new byte[3 * 784];
        img[784] = (byte) 255;
        Files.write(dir.resolve("train-images-idx3-ubyte"), idx(new int[] {3, 28, 28}, img));
        Files.write(dir.resolve("train-labels-idx1-ubyte"), idx(new int[] {3}, bytes(0, 9, 4)));
        Files.write(dir.resolve("t10k-images-idx3-ubyte"), idx(new int[] {1, 28, 28}, new byte[784]));
        Files.write(dir.resolve("t10k-labels-idx1-ubyte"), idx(new int[] {1}, bytes(7)));
        FashionMnist f = FashionMnist.load(dir);
        assertEquals(3, f.train().size());
        assertEquals(1, f.test().size());
        assertEquals(9, f.train().label(1));
        float[] x = new float[784];
        f.train().copyExample(1, x, 0);
        assertEquals(1f, x[0]);
        assertTrue(f.source().contains(dir.toString()));
    }

    @Test
    void givenDirectoryWithoutTheDataSaysHowToGetIt() {
        FileNotFoundException e = assertThrows(FileNotFoundException.class, () -> FashionMnist.load(dir));
        assertTrue(e.getMessage().contains("apt-get install dataset-fashion-mnist")
                && e.getMessage().contains("--data DIR") && e.getMessage().contains(dir.toString()), e.getMessage());
    }

    @Test
    void offlineFallbackWithoutShippedFilesFailsClearly() {
        FileNotFoundException e = assertThrows(FileNotFoundException.class,
                () -> FashionMnist.loadOfflineFallback(dir));
        assertTrue(e.getMessage().contains("t10k-images-idx3-ubyte"), e.getMessage());
    }

    @Test
    void hasTenClassNamesInLabelOrder() {
        assertEquals(10, FashionMnist.CLASS_NAMES.size());
        assertEquals("T-shirt/top", FashionMnist.className(0));
        assertEquals("Ankle boot", FashionMnist.className(9));
    }
}
