package io.flotilla.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.flotilla.data.FashionMnist;
import io.flotilla.data.FashionMnistDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientDataTest {
    @TempDir
    Path scratch;

    @Test
    void iidSharesCoverEveryIndexExactlyOnce() {
        int n = 1003;
        int[] seen = new int[n];
        for (int c = 0; c < 7; c++) {
            int[] share = ClientData.iidShare(n, c, 7, 11);
            assertTrue(share.length == 143 || share.length == 144, "size " + share.length);
            for (int i : share) {
                seen[i]++;
            }
        }
        for (int s : seen) {
            assertEquals(1, s);
        }
        assertArrayEquals(ClientData.iidShare(n, 3, 7, 11), ClientData.iidShare(n, 3, 7, 11));
    }

    @Test
    void loadsOnlyItsPartitionScaledLikeTheFullLoader() throws Exception {
        Path dir = FashionMnistDirectory.installedOrShipped(scratch);
        ClientConfig cfg = ClientConfig.from(ConfigFactory.parseString("flotilla.client { id = a, data.dir = \""
                + dir + "\", data.partition { index = 1, count = 4, seed = 3 }, data.max_examples = 500 }")
                .withFallback(ConfigFactory.load()).resolve());
        ClientData data = ClientData.load(cfg);
        FashionMnist full = FashionMnist.loadFull(dir);
        assertEquals(500, data.train().size());
        assertEquals(full.test().size() / 4, data.test().size());
        int first = ClientData.iidShare(full.train().size(), 1, 4, 3)[0];
        float[] mine = new float[784];
        float[] ref = new float[784];
        data.train().copyExample(0, mine, 0);
        full.train().copyExample(first, ref, 0);
        assertArrayEquals(ref, mine);
        assertEquals(full.train().label(first), data.train().label(0));
        assertTrue(Files.isDirectory(dir));
    }
}
