package io.flotilla.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionMnistDirectoryTest {
    @TempDir
    Path dir;

    @Test
    void theWrittenShippedSplitReadsBackAsTheOfflineFallback() throws IOException {
        FashionMnist written = FashionMnist.loadFull(FashionMnistDirectory.writeShipped(dir));
        FashionMnist fallback = FashionMnist.loadOfflineFallback(RepoRoot.find());
        assertEquals(8000, written.train().size());
        assertEquals(2000, written.test().size());
        assertArrayEquals(fallback.train().labels(), written.train().labels());
        assertArrayEquals(fallback.test().labels(), written.test().labels());
        float[] a = new float[784];
        float[] b = new float[784];
        for (int i = 0; i < 8000; i += 997) {
            written.train().copyExample(i, a, 0);
            fallback.train().copyExample(i, b, 0);
            assertArrayEquals(b, a, "train example " + i);
        }
        written.test().copyExample(1999, a, 0);
        fallback.test().copyExample(1999, b, 0);
        assertArrayEquals(b, a);
    }

    @Test
    void theInstalledSetIsUsedAsItIsWhenPresent() throws IOException {
        Path d = FashionMnistDirectory.installedOrShipped(dir);
        assertTrue(FashionMnist.hasFullSet(d), d.toString());
        assertEquals(FashionMnist.hasFullSet(Path.of(FashionMnist.SYSTEM_DIR)) ? Path.of(FashionMnist.SYSTEM_DIR) : dir,
                d);
    }
}
